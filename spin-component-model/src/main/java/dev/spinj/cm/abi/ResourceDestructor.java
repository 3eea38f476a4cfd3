package dev.spinj.cm.abi;

import dev.spinj.cm.types.ResourceType;

/** Runs a resource's destructor when its last own handle is dropped (guest dtor or host cleanup). */
@FunctionalInterface
public interface ResourceDestructor {
    void destroy(ResourceType type, int rep);
}

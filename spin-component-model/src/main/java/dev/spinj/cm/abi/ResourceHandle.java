package dev.spinj.cm.abi;

import dev.spinj.cm.types.ResourceType;

/** One handle-table entry: an own or borrow handle to a resource representation. */
final class ResourceHandle {
    final ResourceType type;
    final int rep;
    final boolean own;
    /** For borrows lent into a lifted call: the call that must see it dropped before returning. */
    final CallContext borrowScope;
    int lends;

    ResourceHandle(ResourceType type, int rep, boolean own, CallContext borrowScope) {
        this.type = type;
        this.rep = rep;
        this.own = own;
        this.borrowScope = borrowScope;
    }
}

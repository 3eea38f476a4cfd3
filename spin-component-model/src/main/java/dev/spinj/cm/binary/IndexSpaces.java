package dev.spinj.cm.binary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The index spaces of one component scope, filled in binary order. */
public final class IndexSpaces {
    private final Map<Sort, List<IndexEntry>> spaces = new EnumMap<>(Sort.class);

    IndexSpaces() {
        for (Sort s : Sort.values()) {
            spaces.put(s, new ArrayList<>());
        }
    }

    /** All entries of one space, in index order. */
    public List<IndexEntry> space(Sort sort) {
        return Collections.unmodifiableList(spaces.get(sort));
    }

    /** The entry at {@code index}; the caller has checked the range. */
    public IndexEntry get(Sort sort, int index) {
        return spaces.get(sort).get(index);
    }

    public int count(Sort sort) {
        return spaces.get(sort).size();
    }

    void add(Sort sort, IndexEntry entry) {
        spaces.get(sort).add(entry);
    }
}

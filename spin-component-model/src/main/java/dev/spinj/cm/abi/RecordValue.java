package dev.spinj.cm.abi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A record's field values in declaration order. */
public record RecordValue(List<Object> fields) {
    public RecordValue {
        fields = Collections.unmodifiableList(new java.util.ArrayList<>(fields));
    }

    public static RecordValue of(Object... fields) {
        return new RecordValue(Arrays.asList(fields));
    }

    public Object get(int index) {
        return fields.get(index);
    }
}

package dev.spinj.cm.abi;

import java.util.List;
import java.util.Optional;

/**
 * How the despecialised variants (variant, enum, option, result) map to and from their Java
 * values: which case a value is, its payload, and the value for a lifted case.
 */
interface VariantShape {
    /** The case index of {@code value}, or -1 when the value has the wrong shape. */
    int caseOf(Object value);

    Object payloadOf(Object value);

    Object make(int caseIndex, Object payload);

    String typeName();

    /** variant: {@link VariantValue}. */
    static VariantShape variant(List<String> labels) {
        return new VariantShape() {
            @Override
            public int caseOf(Object value) {
                return value instanceof VariantValue v ? labels.indexOf(v.label()) : -1;
            }

            @Override
            public Object payloadOf(Object value) {
                return ((VariantValue) value).value();
            }

            @Override
            public Object make(int caseIndex, Object payload) {
                return new VariantValue(labels.get(caseIndex), payload);
            }

            @Override
            public String typeName() {
                return "variant (VariantValue with a label of " + labels + ")";
            }
        };
    }

    /** enum: the label as String. */
    static VariantShape enumeration(List<String> labels) {
        return new VariantShape() {
            @Override
            public int caseOf(Object value) {
                return value instanceof String s ? labels.indexOf(s) : -1;
            }

            @Override
            public Object payloadOf(Object value) {
                return null;
            }

            @Override
            public Object make(int caseIndex, Object payload) {
                return labels.get(caseIndex);
            }

            @Override
            public String typeName() {
                return "enum (one of " + labels + ")";
            }
        };
    }

    /** option: Optional (case 0 none, 1 some). */
    VariantShape OPTION = new VariantShape() {
        @Override
        public int caseOf(Object value) {
            return value instanceof Optional<?> o ? (o.isPresent() ? 1 : 0) : -1;
        }

        @Override
        public Object payloadOf(Object value) {
            return ((Optional<?>) value).orElse(null);
        }

        @Override
        public Object make(int caseIndex, Object payload) {
            return caseIndex == 0 ? Optional.empty() : Optional.of(payload);
        }

        @Override
        public String typeName() {
            return "option (Optional)";
        }
    };

    /** result: {@link ResultValue} (case 0 ok, 1 error). */
    VariantShape RESULT = new VariantShape() {
        @Override
        public int caseOf(Object value) {
            if (value instanceof ResultValue.Ok) {
                return 0;
            }
            return value instanceof ResultValue.Err ? 1 : -1;
        }

        @Override
        public Object payloadOf(Object value) {
            return ((ResultValue) value).value();
        }

        @Override
        public Object make(int caseIndex, Object payload) {
            return caseIndex == 0 ? new ResultValue.Ok(payload) : new ResultValue.Err(payload);
        }

        @Override
        public String typeName() {
            return "result (ResultValue)";
        }
    };
}

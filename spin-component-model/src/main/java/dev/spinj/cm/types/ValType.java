package dev.spinj.cm.types;

/** A component-level value type (the 0.2 component model, without async types). */
public sealed interface ValType extends Type
        permits Primitive, ListType, RecordType, TupleType, VariantType, EnumType, OptionType,
                ResultType, FlagsType, OwnType, BorrowType {}

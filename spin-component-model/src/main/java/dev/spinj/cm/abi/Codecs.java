package dev.spinj.cm.abi;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FlagsType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plans the codec tree for a value type (despecialising tuple, enum, option and result). */
final class Codecs {
    private Codecs() {}

    static ValueCodec of(ValType type, StringEncoding encoding) {
        if (type instanceof Primitive p) {
            return switch (p) {
                case BOOL -> new BoolCodec();
                case F32 -> new FloatCodec(false);
                case F64 -> new FloatCodec(true);
                case CHAR -> new CharCodec();
                case STRING -> new StringCodec(encoding);
                default -> new IntCodec(p);
            };
        }
        if (type instanceof ListType l) {
            return l.element() == Primitive.U8 ? new ByteListCodec() : new ListCodec(of(l.element(), encoding));
        }
        if (type instanceof RecordType r) {
            return new RecordCodec(r.fields().stream().map(Field::type).map(t -> of(t, encoding)).toList(), false);
        }
        if (type instanceof TupleType t) {
            return new RecordCodec(t.types().stream().map(e -> of(e, encoding)).toList(), true);
        }
        if (type instanceof VariantType v) {
            List<ValueCodec> cases = new ArrayList<>();
            for (Case c : v.cases()) {
                cases.add(c.type() == null ? null : of(c.type(), encoding));
            }
            return new VariantCodec(VariantShape.variant(v.cases().stream().map(Case::name).toList()), cases);
        }
        if (type instanceof EnumType e) {
            return new VariantCodec(VariantShape.enumeration(e.names()), Arrays.asList(new ValueCodec[e.names().size()]));
        }
        if (type instanceof OptionType o) {
            return new VariantCodec(VariantShape.OPTION, Arrays.asList(null, of(o.type(), encoding)));
        }
        if (type instanceof ResultType r) {
            return new VariantCodec(VariantShape.RESULT, Arrays.asList(
                    r.ok() == null ? null : of(r.ok(), encoding),
                    r.error() == null ? null : of(r.error(), encoding)));
        }
        if (type instanceof FlagsType f) {
            return new FlagsCodec(f.names());
        }
        if (type instanceof OwnType o) {
            return new HandleCodec(o.resource(), true);
        }
        return new HandleCodec(((BorrowType) type).resource(), false);
    }
}

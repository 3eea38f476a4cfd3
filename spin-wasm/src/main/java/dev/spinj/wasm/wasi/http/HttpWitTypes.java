package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import java.util.ArrayList;
import java.util.List;

/**
 * The types of {@code wasi:http/types@0.2.x} as the component model sees them. Linking compares
 * value types structurally and resources by identity, so the host's resource types live here
 * once, and the wasi:io ones are the very objects the wasi:io host declares.
 */
final class HttpWitTypes {
    final ResourceType ioError;
    final ResourceType pollable;
    final ResourceType inputStream;
    final ResourceType outputStream;

    final ResourceType fields = host("fields");
    final ResourceType incomingRequest = host("incoming-request");
    final ResourceType outgoingRequest = host("outgoing-request");
    final ResourceType requestOptions = host("request-options");
    final ResourceType responseOutparam = host("response-outparam");
    final ResourceType incomingResponse = host("incoming-response");
    final ResourceType incomingBody = host("incoming-body");
    final ResourceType futureTrailers = host("future-trailers");
    final ResourceType outgoingResponse = host("outgoing-response");
    final ResourceType outgoingBody = host("outgoing-body");
    final ResourceType futureIncomingResponse = host("future-incoming-response");

    final ValType method = new VariantType(List.of(
            new Case("get", null), new Case("head", null), new Case("post", null), new Case("put", null),
            new Case("delete", null), new Case("connect", null), new Case("options", null), new Case("trace", null),
            new Case("patch", null), new Case("other", Primitive.STRING)));
    final ValType scheme = new VariantType(List.of(
            new Case("HTTP", null), new Case("HTTPS", null), new Case("other", Primitive.STRING)));
    final ValType headerError = new VariantType(List.of(
            new Case("invalid-syntax", null), new Case("forbidden", null), new Case("immutable", null)));
    final ValType errorCode = errorCode();
    /** The 0.2.0-rc-2023-10-18 predecessor of {@code error-code}. */
    final ValType error20231018 = new VariantType(List.of(new Case("invalid-url", Primitive.STRING),
            new Case("timeout-error", Primitive.STRING), new Case("protocol-error", Primitive.STRING),
            new Case("unexpected-error", Primitive.STRING)));
    final ValType fieldEntry = new TupleType(List.of(Primitive.STRING, new ListType(Primitive.U8)));
    /** {@code result} without payloads, the answer of every setter. */
    final ValType unitResult = new ResultType(null, null);
    final ValType duration = Primitive.U64;

    HttpWitTypes(ResourceType ioError, ResourceType pollable, ResourceType inputStream, ResourceType outputStream) {
        this.ioError = ioError;
        this.pollable = pollable;
        this.inputStream = inputStream;
        this.outputStream = outputStream;
    }

    private static ResourceType host(String name) {
        return ResourceType.defined(name, ResourceType.NO_DESTRUCTOR);
    }

    private static ValType errorCode() {
        ValType optString = new OptionType(Primitive.STRING);
        ValType optU32 = new OptionType(Primitive.U32);
        ValType optU64 = new OptionType(Primitive.U64);
        ValType dnsPayload = new RecordType(List.of(new Field("rcode", optString), new Field("info-code", new OptionType(Primitive.U16))));
        ValType tlsPayload = new RecordType(List.of(new Field("alert-id", new OptionType(Primitive.U8)), new Field("alert-message", optString)));
        ValType fieldSize = new RecordType(List.of(new Field("field-name", optString), new Field("field-size", optU32)));
        List<Case> cases = new ArrayList<>();
        for (Object[] c : new Object[][] {
                {"DNS-timeout", null}, {"DNS-error", dnsPayload}, {"destination-not-found", null},
                {"destination-unavailable", null}, {"destination-IP-prohibited", null}, {"destination-IP-unroutable", null},
                {"connection-refused", null}, {"connection-terminated", null}, {"connection-timeout", null},
                {"connection-read-timeout", null}, {"connection-write-timeout", null}, {"connection-limit-reached", null},
                {"TLS-protocol-error", null}, {"TLS-certificate-error", null}, {"TLS-alert-received", tlsPayload},
                {"HTTP-request-denied", null}, {"HTTP-request-length-required", null}, {"HTTP-request-body-size", optU64},
                {"HTTP-request-method-invalid", null}, {"HTTP-request-URI-invalid", null}, {"HTTP-request-URI-too-long", null},
                {"HTTP-request-header-section-size", optU32}, {"HTTP-request-header-size", new OptionType(fieldSize)},
                {"HTTP-request-trailer-section-size", optU32}, {"HTTP-request-trailer-size", fieldSize},
                {"HTTP-response-incomplete", null}, {"HTTP-response-header-section-size", optU32},
                {"HTTP-response-header-size", fieldSize}, {"HTTP-response-body-size", optU64},
                {"HTTP-response-trailer-section-size", optU32}, {"HTTP-response-trailer-size", fieldSize},
                {"HTTP-response-transfer-coding", optString}, {"HTTP-response-content-coding", optString},
                {"HTTP-response-timeout", null}, {"HTTP-upgrade-failed", null}, {"HTTP-protocol-error", null},
                {"loop-detected", null}, {"configuration-error", null}, {"internal-error", optString}}) {
            cases.add(new Case((String) c[0], (ValType) c[1]));
        }
        return new VariantType(List.copyOf(cases));
    }

    /** {@code result<own<resource>>}: what {@code consume}, {@code body}, {@code stream} and {@code write} return. */
    static ValType ownOrNothing(ResourceType resource) {
        return new ResultType(new OwnType(resource), null);
    }
}

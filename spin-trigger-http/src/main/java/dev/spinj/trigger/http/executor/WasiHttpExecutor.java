package dev.spinj.trigger.http.executor;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.ResponseStream;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.SpinHeaders;
import dev.spinj.wasm.ComponentGuest;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.io.ByteSource;
import dev.spinj.wasm.stdio.ComponentLogs;
import dev.spinj.wasm.wasi.http.HandlerOutcome;
import dev.spinj.wasm.wasi.http.IncomingHandler;
import dev.spinj.wasm.wasi.http.IncomingHttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code wasi:http/incoming-handler} executor (SPEC2 §3.1–3.5): a fresh instance per request,
 * the request's body streamed to the guest and its response streamed to the client as the guest
 * sets and writes it. How {@code handle} ended decides the rest: an error code, no response or a
 * trap before the head is a logged 500 (thrown as a {@link RequestFailedException}); after the head
 * (a trap, or a return without finishing the body) the body ends as Spin's store drop ends it.
 */
public final class WasiHttpExecutor implements StreamingHttpExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(WasiHttpExecutor.class);

    private final ComponentPre component;
    private final String export;
    private final ComponentLogs logs;

    /** @param export the component's handler export, as {@link IncomingHandler#exportName} found it */
    public WasiHttpExecutor(ComponentPre component, String export, ComponentLogs logs) {
        this.component = component;
        this.export = export;
        this.logs = logs;
    }

    @Override
    public void execute(RouteMatch match, InboundRequest head, ByteSource body, ResponseStream response) {
        // set_req_uri: without an authority Spin's hyper service fails, and the client gets no response at all
        String authority = head.host();
        if (authority == null) {
            LOG.debug("Dropped a request for component {} without an authority: no 'Host' header present in request",
                    component.id());
            response.drop();
            return;
        }
        var request = new IncomingHttpRequest(head.method(), authority, head.uri(), headers(match, head), body);
        String id = component.id();
        try (ComponentGuest guest = component.instantiateComponent(WasiInvocation.spin(logs.stdout(id), logs.stderr(id)))) {
            HandlerOutcome outcome = guest.call(export, instance -> IncomingHandler.handle(instance, export, request, response));
            if (outcome instanceof HandlerOutcome.ErrorCode error) {
                throw new RequestFailedException("guest failed to produce a response: " + error.debug());
            }
            if (outcome instanceof HandlerOutcome.NoResponse) {
                throw new RequestFailedException("guest failed to produce a response prior to returning");
            }
            if (outcome instanceof HandlerOutcome.Trapped trap) {
                if (!trap.afterResponse()) {
                    throw new RequestFailedException("guest invocation failed: " + trap.cause().getMessage(), trap.cause());
                }
                LOG.error("Component error after response started: {}. The response may not be fully sent",
                        trap.cause().getMessage());
            }
            // Before the instance goes (closing it aborts what it holds): a body the guest left
            // unfinished ends as Spin's store drop ends it, not as the guest's own drop would.
            response.end();
        }
    }

    /** The client's headers with their values as UTF-8 (Spin refuses others: 500), then the Spin headers (SPEC2 §3.2, §3.3). */
    private static List<Header> headers(RouteMatch match, InboundRequest head) {
        List<Header> headers = new ArrayList<>(head.headers().size() + 8);
        for (Header h : head.headers()) {
            headers.add(new Header(h.name(), utf8(h)));
        }
        headers.addAll(SpinHeaders.compute(match, head));
        return headers;
    }

    /** Netty hands header bytes over one char per byte: the value as the UTF-8 those bytes are. */
    private static String utf8(Header header) {
        String value = header.value();
        if (value.chars().allMatch(c -> c < 0x80)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RequestFailedException("request header '" + header.name() + "' has a value that is not UTF-8");
        }
    }
}

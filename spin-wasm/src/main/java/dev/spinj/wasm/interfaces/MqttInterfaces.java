package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.BYTES;
import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.enumOf;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.self;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import dev.spinj.wasm.host.http.AppAllowLists;
import dev.spinj.wasm.services.mqtt.MqttConnection;
import dev.spinj.wasm.services.mqtt.MqttConnections;
import dev.spinj.wasm.services.mqtt.OutboundMqttException;
import dev.spinj.wasm.services.mqtt.Qos;
import java.util.List;
import java.util.Locale;

/**
 * {@code fermyon:spin/mqtt@2.0.0} (SPEC2 §4.2) over {@link MqttConnections}, one set per instance:
 * they enforce the allow-list and Spin's table size, and disconnect with the instance.
 */
final class MqttInterfaces {
    private final AppAllowLists allowLists;
    /** The table size is {@link MqttConnections}'s to enforce, with Spin's error; this one only maps reps. */
    private final HostResource<MqttConnection> connections =
            new HostResource<>("connection", Integer.MAX_VALUE, MqttConnection::close);

    MqttInterfaces(AppAllowLists allowLists) {
        this.allowLists = allowLists;
    }

    void addTo(Linker linker) {
        ValType error = variant(alt("invalid-address"), alt("too-many-connections"), alt("connection-failed", STRING),
                alt("other", STRING));
        ValType qos = enumOf("at-most-once", "at-least-once", "exactly-once");
        var connection = connections.type();
        linker.instance("fermyon:spin/mqtt@2.0.0", connections.declareIn(HostInstance.builder())
                .function("[static]connection.open", ComponentFunction.of(func(result(own(connection), error),
                        param("address", STRING), param("username", STRING), param("password", STRING),
                        param("keep-alive-interval-in-secs", Primitive.U64)),
                        a -> run(() -> connections.add(instanceConnections().open((String) a[0], (String) a[1], (String) a[2],
                                (Long) a[3])).getAsInt())))
                .function("[method]connection.publish", ComponentFunction.of(func(result(null, error), self(connection),
                        param("topic", STRING), param("payload", BYTES), param("qos", qos)), a -> run(() -> {
                            connections.get(a[0]).publish((String) a[1], (byte[]) a[2],
                                    Qos.valueOf(((String) a[3]).toUpperCase(Locale.ROOT).replace('-', '_')));
                            return null;
                        })))
                .build());
    }

    private MqttConnections instanceConnections() {
        HostContext context = HostContext.current();
        return context.state(MqttConnections.class, () -> {
            AllowedOutboundHosts allowed = allowLists.of(context.componentId());
            return new MqttConnections(allowed == null ? AllowedOutboundHosts.spin2(List.of()) : allowed);
        });
    }

    @FunctionalInterface
    private interface MqttCall {
        Object run() throws OutboundMqttException;
    }

    private static ResultValue run(MqttCall call) {
        try {
            return ResultValue.ok(call.run());
        } catch (OutboundMqttException e) {
            if (e instanceof OutboundMqttException.InvalidAddress) {
                return ResultValue.err(VariantValue.of("invalid-address"));
            } else if (e instanceof OutboundMqttException.TooManyConnections) {
                return ResultValue.err(VariantValue.of("too-many-connections"));
            } else if (e instanceof OutboundMqttException.ConnectionFailed) {
                return ResultValue.err(new VariantValue("connection-failed", e.getMessage()));
            }
            return ResultValue.err(new VariantValue("other", e.getMessage()));
        }
    }
}

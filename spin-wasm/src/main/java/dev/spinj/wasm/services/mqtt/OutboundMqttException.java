package dev.spinj.wasm.services.mqtt;

/**
 * The {@code error} variant of {@code fermyon:spin/mqtt@2.0.0}: one subclass per case, so a
 * binding maps it with an exhaustive switch. The message is the case's payload where it has one.
 */
public abstract sealed class OutboundMqttException extends Exception {
    private static final long serialVersionUID = 1L;

    private OutboundMqttException(String message) {
        super(message);
    }

    /** The address is not an {@code mqtt://host[:port]?client_id=…} URL. */
    public static final class InvalidAddress extends OutboundMqttException {
        private static final long serialVersionUID = 1L;

        public InvalidAddress(String why) {
            super(why);
        }
    }

    /** The instance already holds as many connections as Spin allows. */
    public static final class TooManyConnections extends OutboundMqttException {
        private static final long serialVersionUID = 1L;

        public TooManyConnections(int limit) {
            super("more than " + limit + " MQTT connections");
        }
    }

    /** The address is not permitted, or the broker could not be reached or refused the client. */
    public static final class ConnectionFailed extends OutboundMqttException {
        private static final long serialVersionUID = 1L;

        public ConnectionFailed(String message) {
            super(message);
        }
    }

    /** Anything else: a publish the broker did not confirm, a closed connection. */
    public static final class Other extends OutboundMqttException {
        private static final long serialVersionUID = 1L;

        public Other(String message) {
            super(message);
        }
    }
}

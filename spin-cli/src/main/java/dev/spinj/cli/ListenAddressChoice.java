package dev.spinj.cli;

import dev.spinj.trigger.http.HttpTriggerOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The HTTP listen address {@code spin up} hands its HTTP trigger (and a directly started
 * {@code spin trigger http} uses): {@code --listen}, else
 * {@code SPIN_HTTP_LISTEN_ADDR}, else {@code 127.0.0.1:3000}. An occupied port is refused with
 * Spin's message, or with {@code --find-free-port} replaced by the first free one of the next
 * ten (SPEC2 6.2). Checked by binding and releasing it here, before the trigger starts.
 */
final class ListenAddressChoice {
    static final String ENV = "SPIN_HTTP_LISTEN_ADDR";
    static final String DEFAULT = HttpTriggerOptions.DEFAULT_LISTEN;
    private static final int PORTS_TRIED = 10;

    private ListenAddressChoice() {}

    /** The address when no {@code --listen} is given: a non-empty {@value #ENV} (as clap reads it), else the default. */
    static String fromEnvironment() {
        String env = System.getenv(ENV);
        return env != null && !env.isEmpty() ? env : DEFAULT;
    }

    /** The {@code --listen} value given among the trigger flags, or null. */
    static String fromFlags(List<String> triggerArgs) {
        for (int i = 0; i < triggerArgs.size(); i++) {
            String arg = triggerArgs.get(i);
            if (arg.equals("--listen") && i + 1 < triggerArgs.size()) {
                return triggerArgs.get(i + 1);
            }
            if (arg.startsWith("--listen=")) {
                return arg.substring("--listen=".length());
            }
        }
        return null;
    }

    /** The address to listen on, {@code host:port}. */
    static String choose(String requested, boolean findFreePort) throws CliException {
        int colon = requested.lastIndexOf(':');
        if (colon < 0) {
            return requested; // the trigger reports a malformed address in its own words
        }
        String host = requested.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(requested.substring(colon + 1));
        } catch (NumberFormatException e) {
            return requested;
        }
        if (port == 0 || isFree(host, port)) {
            return requested;
        }
        if (findFreePort) {
            for (int candidate = port + 1; candidate <= Math.min(port + PORTS_TRIED, 65535); candidate++) {
                if (isFree(host, candidate)) {
                    return host + ":" + candidate;
                }
            }
        }
        throw new CliException(requested + " is already in use. To have Spin search for a free port, use the"
                + " --find-free-port option.");
    }

    private static boolean isFree(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bare, port));
            return true;
        } catch (java.net.BindException e) {
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return true; // not a port conflict: the trigger's own bind reports it
        }
    }
}

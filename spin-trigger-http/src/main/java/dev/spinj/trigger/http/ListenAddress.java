package dev.spinj.trigger.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code --listen}: {@code host:port} or {@code [v6]:port}, preferring IPv4 like Spin. */
public final class ListenAddress {
    private ListenAddress() {}

    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid listen address '" + text + "': expected HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid listen address '" + text + "': bad port");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid listen address '" + text + "': port out of range");
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host.isEmpty() ? "0.0.0.0" : host);
            for (InetAddress a : all) {
                if (a instanceof Inet4Address) {
                    return new InetSocketAddress(a, port);
                }
            }
            return new InetSocketAddress(all[0], port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid listen address '" + text + "': unknown host " + host);
        }
    }
}

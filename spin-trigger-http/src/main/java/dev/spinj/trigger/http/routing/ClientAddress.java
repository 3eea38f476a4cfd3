package dev.spinj.trigger.http.routing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Prints a peer address the way Rust's {@code SocketAddr}/{@code IpAddr} display does, since
 * guests see these strings: IPv6 in RFC 5952 short form, bracketed when a port follows.
 */
public final class ClientAddress {

    private ClientAddress() {}

    /** {@code 127.0.0.1:8777}, {@code [::1]:8777}, {@code [fe80::1%2]:8777}. */
    public static String ipAndPort(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address v6) {
            String scope = v6.getScopeId() == 0 ? "" : "%" + v6.getScopeId();
            return "[" + ipv6(v6) + scope + "]:" + address.getPort();
        }
        return ip(address) + ":" + address.getPort();
    }

    /** The IP alone, without port or IPv6 scope, as CGI's {@code REMOTE_ADDR}. */
    public static String ip(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address.getHostString();
        }
        return ip instanceof Inet6Address v6 ? ipv6(v6) : ip.getHostAddress();
    }

    // Java prints every group ("0:0:0:0:0:0:0:1"); Rust collapses the longest zero run (first on
    // a tie, only if at least two groups long). Java never hands us IPv4-mapped v6 addresses.
    private static String ipv6(Inet6Address address) {
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}

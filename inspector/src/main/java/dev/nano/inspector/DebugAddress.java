package dev.nano.inspector;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a debugger server listens: {@code [[HOST:]PORT]} as Node's {@code --inspect} takes it
 * ({@code 9230}, {@code 0.0.0.0:9229}, {@code [::1]:9229}); loopback unless a host is given.
 */
public record DebugAddress(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    public DebugAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code [[HOST:]PORT]}; an empty spec is {@code defaultPort} on loopback. */
    public static DebugAddress parse(String spec, int defaultPort) {
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty()) {
            return new DebugAddress(LOOPBACK, defaultPort);
        }
        int colon = s.lastIndexOf(':');
        boolean bracketed = s.startsWith("[");
        if (bracketed && (s.indexOf(']') < 0 || colon < s.indexOf(']'))) {
            colon = -1; // "[::1]" alone: a host without a port
        }
        if (colon < 0 && !bracketed && s.chars().allMatch(Character::isDigit)) {
            return new DebugAddress(LOOPBACK, parsePort(s, spec));
        }
        String host = colon < 0 ? s : s.substring(0, colon);
        int port = colon < 0 ? defaultPort : parsePort(s.substring(colon + 1), spec);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = LOOPBACK;
        }
        return new DebugAddress(host, port);
    }

    private static int parsePort(String text, String spec) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a [HOST:]PORT: " + spec);
    }

    /** True when only this machine can connect. */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code host:port}, with an IPv6 host in brackets, as URLs spell it. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public DebugAddress withPort(int actualPort) {
        return new DebugAddress(host, actualPort);
    }
}

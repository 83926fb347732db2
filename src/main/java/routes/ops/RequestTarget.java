package routes.ops;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one shape of request target SyncHub serves: origin-form ({@code /path?query}), a path already in the form the
 * router matches (no empty, {@code .} or {@code ..} segment, no {@code ;} parameters, no backslash, no trailing
 * slash, no percent-encoded unreserved character, slash, backslash or dot, valid UTF-8), and no control character in
 * path or query, raw or encoded. Anything else is refused with 400 before routing, so the route that serves a request
 * and the path the access check looked at are one and the same (RFC 3986 section 6.2.2 calls the other shapes
 * equivalent; a router that normalises them and a check that does not is how the token was bypassed).
 */
public final class RequestTarget {

    private RequestTarget() {
    }

    /** Why {@code target} (the request line's target, as sent) is refused, or empty when it is canonical. */
    public static Optional<String> problem(String target) {
        if (target == null || !target.startsWith("/")) {
            return Optional.of("the request target must be a path starting with '/' (origin-form), not '"
                    + printable(target) + "'");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        int hash = query.indexOf('#');
        if (path.indexOf('#') >= 0 || hash >= 0) {
            return Optional.of("a request target carries no fragment ('#')");
        }
        Optional<String> pathProblem = pathProblem(path);
        return pathProblem.isPresent() ? pathProblem : queryProblem(query);
    }

    private static Optional<String> pathProblem(String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            return Optional.of("path '" + printable(path) + "' ends with '/'; send it without");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';' || c == '\\') {
                return Optional.of("path '" + printable(path) + "' contains '" + c + "'");
            }
            if (c < 0x21 || c == 0x7f) {
                return Optional.of("path contains a control or space character at " + i);
            }
        }
        if (path.contains("//")) {
            return Optional.of("path '" + printable(path) + "' has an empty segment ('//')");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("path '" + printable(path) + "' has a dot segment ('" + segment + "')");
            }
        }
        byte[] decoded;
        try {
            decoded = decode(path, false);
        } catch (IllegalArgumentException e) {
            return Optional.of("path: " + e.getMessage());
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '%') {
                int octet = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (unreserved(octet) || octet == '/' || octet == '\\' || octet == '.') {
                    return Optional.of("path '" + printable(path) + "' percent-encodes '" + (char) octet
                            + "' (" + path.substring(i, i + 3) + "); send it as is");
                }
            }
        }
        return controlIn(decoded, "path");
    }

    private static Optional<String> queryProblem(String query) {
        if (query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            byte[] decodedName;
            byte[] decodedValue;
            try {
                decodedName = decode(name, true);
                decodedValue = eq < 0 ? new byte[0] : decode(pair.substring(eq + 1), true);
            } catch (IllegalArgumentException e) {
                return Optional.of("query parameter '" + printable(name) + "': " + e.getMessage());
            }
            Optional<String> bad = controlIn(decodedName, "query parameter name");
            if (bad.isEmpty()) {
                bad = controlIn(decodedValue, "query parameter '" + printable(new String(decodedName, StandardCharsets.UTF_8)) + "'");
            }
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> controlIn(byte[] bytes, String where) {
        for (byte b : bytes) {
            int octet = b & 0xff;
            if (octet < 0x20 || octet == 0x7f) {
                return Optional.of(where + " contains control character 0x" + String.format("%02X", octet));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return Optional.of(where + " is not valid UTF-8 once percent-decoded");
        }
        return Optional.empty();
    }

    /** Percent-decodes; {@code plusIsSpace} for form-style query parts. Malformed escapes throw. */
    private static byte[] decode(String text, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("'%' must be followed by two hex digits");
                }
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    private static boolean unreserved(int octet) {
        return (octet >= 'a' && octet <= 'z') || (octet >= 'A' && octet <= 'Z') || (octet >= '0' && octet <= '9')
                || octet == '-' || octet == '_' || octet == '~';
    }

    /** The target as it may be shown in an error: control characters as {@code \xNN}, at most 200 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}

package io.parley.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/** Which path a request is for, the way Spring MVC routes it. */
public final class RequestPaths {
    private RequestPaths() {}

    /**
     * Whether the request is for {@code root} or below it. Uses the decoded, normalized path without
     * {@code ;params}: the raw URI would let {@code /api/v1;x/...} skip a filter while Spring MVC still routes it.
     */
    public static boolean isUnder(HttpServletRequest request, String root) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(root) || path.startsWith(root + "/");
    }
}

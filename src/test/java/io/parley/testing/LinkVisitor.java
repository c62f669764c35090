package io.parley.testing;

/**
 * A customer opening an action link ({@code /a/{token}}) from a chat: no credentials, a browser's {@code Accept}
 * (or JSON, as an API client would ask), and no redirect followed, so a 303 shows where it would go.
 */
public final class LinkVisitor {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String JSON = "application/json";

    private final Api api;

    private LinkVisitor(Api api) {
        this.api = api.withToken(null);
    }

    public static LinkVisitor of(Api api) {
        return new LinkVisitor(api);
    }

    /** What a browser (or a link preview) gets for the link: GET. */
    public Api.Response open(String token) {
        return api.getWithHeaders("/a/" + token, "Accept", BROWSER);
    }

    /** The confirmation page's button: a form POST with an empty body. */
    public Api.Response press(String token) {
        return api.postRaw(
                "/a/" + token, new byte[0], "Content-Type", "application/x-www-form-urlencoded", "Accept", BROWSER);
    }

    public Api.Response openAsJson(String token) {
        return api.getWithHeaders("/a/" + token, "Accept", JSON);
    }

    public Api.Response pressAsJson(String token) {
        return api.postRaw("/a/" + token, new byte[0], "Accept", JSON);
    }
}

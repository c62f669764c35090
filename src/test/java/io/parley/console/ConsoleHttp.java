package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console session without a browser: a cookie jar, form posts with or without the CSRF token, no redirects
 * followed. For the checks a browser does not need (status codes, headers, forged forms).
 */
public final class ConsoleHttp {
    private static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");
    private static final Pattern LOGIN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    public ConsoleHttp(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** Posts a form as it is, without adding a CSRF token. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** Posts a form with this session's CSRF token (read from a page of the console). */
    public HttpResponse<String> postWithCsrf(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken());
        return postForm(path, withToken);
    }

    /** Signs in through the sign-in form; asserts the redirect into the console. */
    public ConsoleHttp signIn(String email, String password) {
        HttpResponse<String> form = get("/console/login");
        Matcher token = LOGIN_CSRF.matcher(form.body());
        assertThat(token.find()).as(form.body()).isTrue();
        HttpResponse<String> signedIn =
                postForm("/console/login", Map.of("email", email, "password", password, "_csrf", token.group(1)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        return this;
    }

    /** Signs in with the admin token and chooses {@code organizationId} in the switcher. */
    public ConsoleHttp signInAsOperator(String adminToken, String organizationId) {
        HttpResponse<String> form = get("/console/login");
        Matcher token = LOGIN_CSRF.matcher(form.body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> signedIn =
                postForm("/console/login", Map.of("token", adminToken, "_csrf", token.group(1)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        HttpResponse<String> chosen = postWithCsrf("/console/organizations", Map.of("organizationId", organizationId));
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(302);
        return this;
    }

    /** The CSRF token of this session, as the layout of every console page carries it. */
    public String csrfToken() {
        Matcher matcher = CSRF.matcher(get("/console").body());
        if (!matcher.find()) {
            matcher = CSRF.matcher(get("/console/organizations").body());
            assertThat(matcher.find()).as("a console page with data-csrf").isTrue();
        }
        return matcher.group(1);
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

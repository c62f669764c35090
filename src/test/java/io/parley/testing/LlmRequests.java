package io.parley.testing;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads what Parley sent to a fake OpenAI-compatible model. */
public final class LlmRequests {
    private LlmRequests() {}

    /** One chat message of a request: role ({@code system}, {@code user}, {@code assistant}) and its text. */
    public record Line(String role, String text) {
        @Override
        public String toString() {
            return role + ": " + text;
        }
    }

    /** The request's {@code messages}, in order; content given as parts is joined. */
    public static List<Line> messages(LoggedRequest request) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode message : Api.json().readTree(request.getBodyAsString()).path("messages")) {
            JsonNode content = message.path("content");
            String text;
            if (content.isArray()) {
                StringBuilder joined = new StringBuilder();
                content.forEach(part -> joined.append(part.path("text").asString()));
                text = joined.toString();
            } else {
                text = content.asString();
            }
            lines.add(new Line(message.path("role").asString(), text));
        }
        return lines;
    }
}

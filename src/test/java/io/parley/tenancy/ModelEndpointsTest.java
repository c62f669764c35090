package io.parley.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.NameLookup;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Which model servers a chatbot configuration is checked for, Ollama's local default included. */
class ModelEndpointsTest {
    private static final NameLookup DNS = name -> {
        if (!name.equals("localhost")) {
            throw new java.net.UnknownHostException(name);
        }
        return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
    };
    private static final EgressPolicy NOTHING_ALLOWED = EgressPolicy.allowing(DNS);

    @Test
    void should_refuse_ollama_without_a_base_url_saying_which_default_it_would_call() {
        EgressRefusedException refused = catchThrowableOfType(
                EgressRefusedException.class, () -> ModelEndpoints.check(NOTHING_ALLOWED, model("ollama", null, null)));

        assertThat(refused.context()).containsEntry("field", "model.baseUrl");
        assertThat(refused.getMessage())
                .contains("provider ollama uses http://localhost:11434")
                .contains("PARLEY_EGRESS_ALLOW");
    }

    @Test
    void should_accept_ollama_without_a_base_url_when_the_operator_allows_the_local_server() {
        assertThatCode(() -> ModelEndpoints.check(
                        EgressPolicy.allowing(DNS, "localhost:11434"), model("ollama", null, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ModelEndpoints.check(
                        EgressPolicy.allowing(DNS, "127.0.0.1:11434"), model("ollama", null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void should_check_the_fallback_model_under_its_own_field() {
        EgressRefusedException refused = catchThrowableOfType(
                EgressRefusedException.class,
                () -> ModelEndpoints.check(
                        NOTHING_ALLOWED,
                        model(
                                "openai",
                                "https://api.example/v1",
                                new ChatbotDraft.Fallback("openai", "m", "http://169.254.169.254/v1", null))));

        assertThat(refused.context()).containsEntry("field", "model.fallback.baseUrl");
        assertThat(refused.getMessage()).contains("cloud metadata");
    }

    @Test
    void should_leave_the_offline_model_and_public_defaults_alone() {
        assertThatCode(() -> ModelEndpoints.check(NOTHING_ALLOWED, model("offline", "http://127.0.0.1/", null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> ModelEndpoints.check(NOTHING_ALLOWED, model("openai", null, null)))
                .doesNotThrowAnyException();
    }

    private static ChatbotDraft.Model model(String provider, String baseUrl, ChatbotDraft.Fallback fallback) {
        return new ChatbotDraft.Model(provider, "m", baseUrl, null, null, null, null, null, fallback);
    }
}

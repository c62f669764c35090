package io.parley.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ChatMessage;
import io.parley.llm.ContextPassage;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.ReferenceAnswer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineModelGatewayTest {
    private static final String HOURS_ANSWER = "Open 9-18."; // 10 chars -> 3 tokens
    private static final List<ReferenceAnswer> FAQ = List.of(
            new ReferenceAnswer("What are your opening hours?", HOURS_ANSWER),
            new ReferenceAnswer("How much does shipping cost?", "Free over 50 euros."));
    private static final ModelSpec OFFLINE = new ModelSpec("offline", null, null, null, 0.0, Duration.ofSeconds(5));

    private final OfflineModelGateway gateway = new OfflineModelGateway();

    @Test
    void should_serve_the_offline_provider_when_asked_for_its_name() {
        assertThat(gateway.provider()).isEqualTo("offline");
    }

    @Test
    void should_answer_from_the_faq_when_the_question_matches() {
        ModelReply reply = gateway.chat(request(OFFLINE, FAQ, ChatMessage.user("when are you open? hours please")));

        assertThat(reply.answered()).isTrue();
        assertThat(reply.text()).isEqualTo(HOURS_ANSWER);
        assertThat(reply.provider()).isEqualTo("offline");
        assertThat(reply.model()).isEqualTo("faq-lexical");
    }

    @Test
    void should_report_the_spec_model_name_when_one_is_given() {
        ModelSpec named = new ModelSpec("offline", "faq-v2", null, null, 0.0, Duration.ofSeconds(5));

        ModelReply reply = gateway.chat(request(named, FAQ, ChatMessage.user("opening hours?")));

        assertThat(reply.model()).isEqualTo("faq-v2");
    }

    @Test
    void should_answer_the_burst_when_the_question_is_in_the_last_of_several_user_messages() {
        ModelReply reply = gateway.chat(request(
                OFFLINE,
                FAQ,
                ChatMessage.system("You are a shop assistant."),
                ChatMessage.user("hi"),
                ChatMessage.assistant("Hello! How can I help?"),
                ChatMessage.user("quick question"),
                ChatMessage.user("how much is shipping? what does it cost")));

        assertThat(reply.answered()).isTrue();
        assertThat(reply.text()).isEqualTo("Free over 50 euros.");
    }

    @Test
    void should_ignore_earlier_user_messages_when_an_assistant_reply_separates_them() {
        ModelReply reply = gateway.chat(request(
                OFFLINE,
                FAQ,
                ChatMessage.user("what are your opening hours?"),
                ChatMessage.assistant(HOURS_ANSWER),
                ChatMessage.user("tell me a joke about cats")));

        assertThat(reply.answered()).isFalse();
    }

    @Test
    void should_not_answer_when_the_conversation_ends_with_an_assistant_message() {
        ModelReply reply = gateway.chat(request(
                OFFLINE, FAQ, ChatMessage.user("what are your opening hours?"), ChatMessage.assistant(HOURS_ANSWER)));

        assertThat(reply.answered()).isFalse();
    }

    @Test
    void should_not_answer_when_the_question_is_unrelated() {
        ModelReply reply = gateway.chat(request(OFFLINE, FAQ, ChatMessage.user("tell me a joke about cats")));

        assertThat(reply.answered()).isFalse();
        assertThat(reply.text()).isEmpty();
        assertThat(reply.outputTokens()).isZero();
    }

    @Test
    void should_not_answer_when_the_faq_is_empty() {
        ModelReply reply = gateway.chat(request(OFFLINE, List.of(), ChatMessage.user("opening hours?")));

        assertThat(reply.answered()).isFalse();
        assertThat(reply.text()).isEmpty();
    }

    @Test
    void should_estimate_tokens_as_a_quarter_of_the_characters_rounded_up_when_answering() {
        ModelReply reply = gateway.chat(request(
                OFFLINE,
                FAQ,
                ChatMessage.system("123456789"), // 9 chars
                ChatMessage.user("What are your opening hours?"))); // 28 chars -> 37 in all

        assertThat(reply.inputTokens()).isEqualTo(10);
        assertThat(reply.outputTokens()).isEqualTo(3);
    }

    @Test
    void should_count_at_least_one_token_when_texts_are_tiny() {
        List<ReferenceAnswer> terse = List.of(new ReferenceAnswer("hours", "9"));

        ModelReply reply = gateway.chat(request(OFFLINE, terse, ChatMessage.user("hours")));

        assertThat(reply.inputTokens()).isEqualTo(2);
        assertThat(reply.outputTokens()).isEqualTo(1);
        ModelReply empty = gateway.chat(request(OFFLINE, terse, ChatMessage.user("")));
        assertThat(empty.inputTokens()).isEqualTo(1);
    }

    private static ModelRequest request(ModelSpec spec, List<ReferenceAnswer> faq, ChatMessage... messages) {
        return new ModelRequest(spec, List.of(messages), faq);
    }

    @Test
    void should_answer_with_the_best_passage_citing_its_source_when_its_score_clears_the_threshold() {
        List<ContextPassage> passages = List.of(
                new ContextPassage("Returns within 30 days.", "Policy", 0.75),
                new ContextPassage("Never cook inside the tent.", "Stove guide", 0.95));

        ModelReply reply = gateway.chat(new ModelRequest(
                OFFLINE, List.of(ChatMessage.user("cooking indoors?")), List.of(), List.of(), passages));

        assertThat(reply.answered()).isTrue();
        assertThat(reply.text()).isEqualTo("Never cook inside the tent.\n\n(Stove guide)");
    }

    @Test
    void should_answer_with_the_passage_row_closest_to_the_question_when_the_passage_is_a_table() {
        String table = "| SKU | Tent | Price |\n|---|---|---|\n| A7-33X | Alpine Storm | 749.00 EUR |\n"
                + "| B2-10 | Breeze | 199.00 EUR |";

        ModelReply reply = gateway.chat(new ModelRequest(
                OFFLINE,
                List.of(ChatMessage.user("price of the Breeze?")),
                List.of(),
                List.of(),
                List.of(new ContextPassage(table, "Price list", 0.9))));

        assertThat(reply.text()).isEqualTo("SKU: B2-10; Tent: Breeze; Price: 199.00 EUR\n\n(Price list)");
    }

    @Test
    void should_not_answer_from_a_passage_when_its_score_is_below_the_threshold() {
        ModelReply reply = new OfflineModelGateway(0.8)
                .chat(new ModelRequest(
                        OFFLINE,
                        List.of(ChatMessage.user("cooking indoors?")),
                        List.of(),
                        List.of(),
                        List.of(new ContextPassage("Never cook inside the tent.", "Stove guide", 0.79))));

        assertThat(reply.answered()).isFalse();
        assertThat(reply.outputTokens()).isZero();
    }

    @Test
    void should_prefer_the_faq_answer_when_both_a_faq_entry_and_a_passage_match() {
        ModelReply reply = gateway.chat(new ModelRequest(
                OFFLINE,
                List.of(ChatMessage.user("opening hours?")),
                FAQ,
                List.of(),
                List.of(new ContextPassage("We open at dawn.", "Handbook", 1.0))));

        assertThat(reply.text()).isEqualTo(HOURS_ANSWER);
    }
}

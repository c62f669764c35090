package io.parley.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class NoticeTest {
    @Test
    void should_read_back_a_key_and_an_all_notice() {
        UUID id = UUID.randomUUID();

        assertThat(Notice.parse(Notice.of("chatbots", id).payload())).isEqualTo(new Notice("chatbots", id.toString()));
        assertThat(Notice.parse(Notice.all("plans").payload())).isEqualTo(new Notice("plans", null));
        assertThat(Notice.parse("prices openai gpt-4o").key()).isEqualTo("openai gpt-4o");
    }

    @Test
    void should_ignore_a_payload_it_cannot_read() {
        assertThat(Notice.parse("Not A Topic")).isNull();
        assertThat(Notice.parse("chatbots ")).isNull();
        assertThat(Notice.parse(null)).isNull();
    }

    @Test
    void should_refuse_a_topic_that_is_not_a_plain_name() {
        assertThatThrownBy(() -> Notice.all("Chat bots")).isInstanceOf(IllegalArgumentException.class);
    }
}

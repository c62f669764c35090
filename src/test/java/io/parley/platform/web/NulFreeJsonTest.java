package io.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NulFreeJsonTest {
    private static final JsonMapper JSON =
            NulFreeJson.configure(JsonMapper.builder()).build();

    record Inner(String label, List<String> tags) {}

    record Body(String name, String[] aliases, Map<String, String> variables, Inner inner, Object anything) {}

    @Test
    void should_strip_nul_from_typed_fields_lists_arrays_and_map_keys_when_reading_a_record() {
        Body body = JSON.readValue("""
                {"name": "Ac\\u0000me", "aliases": ["\\u0000a"], "variables": {"ci\\u0000ty": "Ber\\u0000lin"},
                 "inner": {"label": "\\u0000", "tags": ["v\\u0000ip"]},
                 "anything": {"k\\u0000": ["x\\u0000", {"y\\u0000": "z\\u0000"}]}}""", Body.class);

        assertThat(body.name()).isEqualTo("Acme");
        assertThat(body.aliases()).containsExactly("a");
        assertThat(body.variables()).containsExactly(Map.entry("city", "Berlin"));
        assertThat(body.inner()).isEqualTo(new Inner("", List.of("vip")));
        assertThat(JSON.writeValueAsString(body.anything())).isEqualTo("{\"k\":[\"x\",{\"y\":\"z\"}]}");
    }

    @Test
    void should_strip_nul_from_tree_values_and_property_names_when_reading_a_json_node() {
        JsonNode tree = JSON.readTree(
                "{\"na\\u0000me\": \"Sup\\u0000port\", \"model\": {\"\\u0000provider\": " + "[\"open\\u0000ai\"]}}");

        assertThat(tree.toString()).isEqualTo("{\"name\":\"Support\",\"model\":{\"provider\":[\"openai\"]}}");
        assertThat(tree.path("name").asString()).isEqualTo("Support");
    }

    @Test
    void should_strip_nul_from_map_values_when_reading_untyped_maps() {
        Map<String, Object> map = JSON.readValue("{\"a\\u0000\": \"b\\u0000\", \"n\": 1}", new TypeReference<>() {});

        assertThat(map).containsExactly(Map.entry("a", "b"), Map.entry("n", 1));
    }

    @Test
    void should_keep_an_escaped_backslash_followed_by_u0000_as_text() {
        assertThat(JSON.readValue("\"\\\\u0000\"", String.class)).isEqualTo("\\u0000");
    }
}

package io.parley.platform.web;

import io.parley.platform.NulCharacters;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Removes U+0000 from every string the application's JSON mapper reads: typed fields, lists and arrays of strings,
 * map keys and values, and trees ({@link JsonNode} values and property names). Request bodies, stored jsonb read
 * back and tool results all go through it, so no controller has to remember; PostgreSQL could not store the
 * character anyway (see {@link NulCharacters}). Writing JSON is unchanged. Applied to Spring's mapper by
 * {@link WebConfiguration}.
 */
public final class NulFreeJson {
    private NulFreeJson() {}

    /** Applies the NUL-stripping deserializers and node factory to {@code builder}. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        SimpleModule module = new SimpleModule("parley-nul-free-strings");
        module.addDeserializer(String.class, new NulFreeStrings());
        module.addKeyDeserializer(String.class, new NulFreeKeys());
        module.addKeyDeserializer(Object.class, new NulFreeKeys());
        return builder.addModule(module).nodeFactory(new NulFreeNodes());
    }

    /** Not marked as Jackson's standard implementation, so collection and untyped deserializers use it too. */
    private static final class NulFreeStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            return NulCharacters.strip(super.deserialize(p, ctxt));
        }
    }

    private static final class NulFreeKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return NulCharacters.strip(key);
        }
    }

    private static final class NulFreeNodes extends JsonNodeFactory {
        @Override
        public StringNode stringNode(String text) {
            return super.stringNode(NulCharacters.strip(text));
        }

        @Override
        public ObjectNode objectNode() {
            return new NulFreeObject(this);
        }
    }

    /** Tree deserialization adds properties with {@code replace}; {@code set} and friends end in {@code _put}. */
    private static final class NulFreeObject extends ObjectNode {
        NulFreeObject(JsonNodeFactory factory) {
            super(factory);
        }

        @Override
        public JsonNode replace(String propertyName, JsonNode value) {
            return super.replace(NulCharacters.strip(propertyName), value);
        }

        @Override
        protected ObjectNode _put(String propertyName, JsonNode value) {
            return super._put(NulCharacters.strip(propertyName), value);
        }
    }
}

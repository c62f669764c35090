package io.parley.flows.golden;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A golden transcript (spec §5): who writes, what the bot must answer to each input, and what must be true after it.
 *
 * @param stubs what {@code llm} steps ({@code llm.<step>}) and actions ({@code calendar.find_slots}, ...) return
 */
public record Golden(
        String name,
        String flow,
        Instant clock,
        String contactAddress,
        String contactName,
        Map<String, Object> stubs,
        List<Turn> turns) {
    public Golden {
        stubs = stubs == null ? Map.of() : Map.copyOf(stubs);
        turns = List.copyOf(turns);
    }

    /**
     * One input and what it must cause.
     *
     * @param input  {@code user} (a text or {@code {button|list|image|text, caption}}), {@code wait}, {@code agent},
     *               {@code release} or {@code stripe}: the key and its value as written
     * @param bot    the complete list of messages the input causes, null when not checked
     * @param expect the {@code expect} map, empty when absent
     */
    public record Turn(String kind, Object input, List<Object> bot, Map<String, Object> expect) {
        public Turn {
            expect = expect == null ? Map.of() : expect;
        }
    }
}

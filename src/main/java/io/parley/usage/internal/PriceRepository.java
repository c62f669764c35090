package io.parley.usage.internal;

import io.parley.platform.cache.ChangeNotices;
import io.parley.usage.ModelPrice;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Model prices; every write announces {@link #TOPIC} (all prices: there are few, and they change rarely). */
@Repository
public class PriceRepository {
    /** Notices about model prices. */
    public static final String TOPIC = "prices";

    private final JdbcClient jdbc;
    private final ChangeNotices notices;

    PriceRepository(JdbcClient jdbc, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    public Optional<ModelPrice> find(String provider, String model) {
        return jdbc.sql("select * from model_prices where provider = :provider and model = :model")
                .param("provider", provider)
                .param("model", model)
                .query(PriceRepository::map)
                .optional();
    }

    public List<ModelPrice> list() {
        return jdbc.sql("select * from model_prices order by provider, model")
                .query(PriceRepository::map)
                .list();
    }

    public void upsert(String provider, String model, BigDecimal input, BigDecimal output) {
        jdbc.sql("""
                        insert into model_prices (provider, model, input_per_1k, output_per_1k)
                        values (:provider, :model, :input, :output)
                        on conflict (provider, model) do update
                          set input_per_1k = excluded.input_per_1k, output_per_1k = excluded.output_per_1k,
                              updated_at = now()""")
                .param("provider", provider)
                .param("model", model)
                .param("input", input)
                .param("output", output)
                .update();
        notices.announceAll(TOPIC);
    }

    public boolean delete(String provider, String model) {
        boolean deleted = jdbc.sql("delete from model_prices where provider = :provider and model = :model")
                        .param("provider", provider)
                        .param("model", model)
                        .update()
                == 1;
        notices.announceAll(TOPIC);
        return deleted;
    }

    private static ModelPrice map(ResultSet rs, int row) throws SQLException {
        return new ModelPrice(
                rs.getString("provider"),
                rs.getString("model"),
                rs.getBigDecimal("input_per_1k"),
                rs.getBigDecimal("output_per_1k"),
                rs.getTimestamp("updated_at").toInstant());
    }
}

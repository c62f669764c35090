package io.parley.usage;

import io.parley.platform.ConversationId;
import io.parley.usage.internal.UsageRepository;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UsageLedger {
    private final UsageRepository repository;

    UsageLedger(UsageRepository repository) {
        this.repository = repository;
    }

    /** Records a turn's usage in the caller's transaction; a turn is recorded at most once (unique turn id). */
    @Transactional
    public void record(UsageRecord record) {
        repository.insert(record);
    }

    public List<UsageRecord> forConversation(ConversationId conversationId) {
        return repository.forConversation(conversationId);
    }
}

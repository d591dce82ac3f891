package io.imsg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    /** More than one thread's block of random bytes, so refills are covered. */
    private static final int IDS = 1_000;

    @Test
    void idsAreVersion4UuidsInTheirCanonicalText() {
        for (int i = 0; i < IDS; i++) {
            String id = MessageIds.next();
            UUID uuid = UUID.fromString(id);

            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        }
    }

    @Test
    void idsDoNotRepeatWithinAThreadOrAcrossThreads() throws InterruptedException {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < IDS; i++) {
                    ids.add(MessageIds.next());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(ids).hasSize(4 * IDS);
    }

    @Test
    void everyCharacterVariesButTheDashesAndTheVersion() {
        // A character that never changes would show bits the generator never sets.
        String first = MessageIds.next();
        Set<Integer> unchanged = new HashSet<>();
        for (int position = 0; position < first.length(); position++) {
            unchanged.add(position);
        }
        for (int i = 0; i < IDS; i++) {
            String id = MessageIds.next();
            unchanged.removeIf(position -> id.charAt(position) != first.charAt(position));
        }

        assertThat(unchanged).containsExactlyInAnyOrder(8, 13, 14, 18, 23);
    }
}

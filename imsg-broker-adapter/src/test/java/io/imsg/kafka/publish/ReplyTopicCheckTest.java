package io.imsg.kafka.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/** The cluster is a stand-in admin client here: this is about what is asked and what is remembered. */
class ReplyTopicCheckTest {

    private static final String EXISTING = "_imsg.replies.shop";
    private static final String FORBIDDEN = "_imsg.replies.secret";

    private final List<String> asked = new ArrayList<>();
    private final AtomicInteger adminsMade = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final ReplyTopicCheck check = ReplyTopicCheck.using(this::admin);

    @Test
    void aMissingTopicIsRefusedAndRememberedWithoutAskingAgain() {
        assertThat(check.mayExist("_imsg.replies.gone")).isFalse();
        assertThat(check.mayExist("_imsg.replies.gone")).isFalse();

        assertThat(asked).containsExactly("_imsg.replies.gone");
    }

    @Test
    void anExistingTopicIsAskedAboutOnce() {
        assertThat(check.mayExist(EXISTING)).isTrue();
        assertThat(check.mayExist(EXISTING)).isTrue();

        assertThat(asked).containsExactly(EXISTING);
        assertThat(adminsMade).hasValue(1);
    }

    @Test
    void aLookupThatCannotAnswerLetsTheSendGoAheadAndIsNotRepeatedOnEveryReceipt() {
        assertThat(check.mayExist(FORBIDDEN)).isTrue();
        assertThat(check.mayExist(FORBIDDEN)).isTrue();

        assertThat(asked).containsExactly(FORBIDDEN);
    }

    @Test
    void forgedNamesCannotGrowTheMemoryWithoutBound() {
        check.mayExist("_imsg.replies.first");
        for (int i = 0; i < ReplyTopicCheck.REMEMBERED; i++) {
            check.mayExist("_imsg.replies.forged-" + i);
        }

        check.mayExist("_imsg.replies.first");

        assertThat(asked.stream().filter("_imsg.replies.first"::equals)).as("forgotten, so asked again").hasSize(2);
    }

    @Test
    void noAdminClientIsMadeBeforeTheFirstReplyOrAfterClose() {
        assertThat(adminsMade).hasValue(0);
        check.close();

        assertThat(check.mayExist("_imsg.replies.late")).isTrue();
        assertThat(adminsMade).hasValue(0);
    }

    @Test
    void aSharedAdminClientIsAskedAndLeftOpenForItsOwner() {
        ReplyTopicCheck sharing = ReplyTopicCheck.sharing(admin());

        assertThat(sharing.mayExist("_imsg.replies.gone")).isFalse();
        sharing.close();

        assertThat(asked).containsExactly("_imsg.replies.gone");
        assertThat(closes).hasValue(0);
    }

    @Test
    void theAdminClientItMadeIsClosedWithIt() {
        check.mayExist(EXISTING);

        check.close();

        assertThat(closes).hasValue(1);
    }

    @Test
    void withoutAClusterToAskEveryTopicMayExist() {
        assertThat(ReplyTopicCheck.none().mayExist("_imsg.replies.gone")).isTrue();
    }

    /** An admin client whose describeTopics knows one topic and refuses one; everything else is unknown. */
    private Admin admin() {
        adminsMade.incrementAndGet();
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> describe((Collection<?>) args[0]);
                    case "close" -> {
                        closes.incrementAndGet();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private DescribeTopicsResult describe(Collection<?> topics) {
        String topic = (String) topics.iterator().next();
        asked.add(topic);
        KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
        if (topic.equals(EXISTING)) {
            future.complete(new TopicDescription(topic, false, List.of()));
        } else if (topic.equals(FORBIDDEN)) {
            future.completeExceptionally(new TopicAuthorizationException(Set.of(topic)));
        } else {
            future.completeExceptionally(new UnknownTopicOrPartitionException(topic));
        }
        Map<String, KafkaFuture<TopicDescription>> byName = Map.of(topic, future);
        return new DescribeTopicsResult(null, byName) { };
    }
}

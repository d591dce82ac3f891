package io.imsg.kafka.consume.internal;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/** State kept per assigned partition outside the loop itself, told of assignment changes. Poll thread only. */
interface AssignmentHook {

    /** Called inside {@code onPartitionsAssigned}, before any record of the new partitions is dispatched. */
    void assigned(Collection<TopicPartition> partitions);

    /** Called after revoked partitions committed, and for lost partitions. */
    void gone(Collection<TopicPartition> partitions);

    /** Both hooks, {@code first} first. */
    static AssignmentHook both(AssignmentHook first, AssignmentHook second) {
        return new AssignmentHook() {
            @Override
            public void assigned(Collection<TopicPartition> partitions) {
                first.assigned(partitions);
                second.assigned(partitions);
            }

            @Override
            public void gone(Collection<TopicPartition> partitions) {
                first.gone(partitions);
                second.gone(partitions);
            }
        };
    }

    AssignmentHook NONE = new AssignmentHook() {
        @Override
        public void assigned(Collection<TopicPartition> partitions) {}

        @Override
        public void gone(Collection<TopicPartition> partitions) {}
    };
}

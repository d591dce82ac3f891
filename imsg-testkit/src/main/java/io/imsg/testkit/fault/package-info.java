/**
 * A harness for fault tests: the pieces a test needs to crash, freeze and restart the processes
 * of a Kafka deployment on one machine and then prove that nothing was lost.
 *
 * <ul>
 *   <li>{@link io.imsg.testkit.fault.ChildJvm}: a service's main class in a child JVM that can be
 *       killed ({@code kill -9}), suspended ({@code kill -STOP}) and stopped, never orphaned. The
 *       broker itself is an {@link io.imsg.testkit.EmbeddedKafka}, already a child JVM.
 *   <li>{@link io.imsg.testkit.fault.Ledger}: append-only files of what was acknowledged and what
 *       was handled, written so a {@code kill -9} loses nothing a writer returned from.
 *   <li>{@link io.imsg.testkit.fault.FailurePlan}: seeded, deterministic handler failures that a
 *       child JVM and the checker agree on.
 *   <li>{@link io.imsg.testkit.fault.InvariantChecker} and {@link io.imsg.testkit.fault.Verdict}:
 *       lost, both-handled-and-dead-lettered, duplicates; the invariants of RELIABILITY.md.
 *   <li>{@link io.imsg.testkit.fault.FaultRun}: a run's seed, directory and timeline; a failing
 *       run prints its seed and keeps its ledgers.
 *   <li>{@link io.imsg.testkit.fault.ConsumerLag} and {@link io.imsg.testkit.fault.TopicReader}:
 *       what the broker holds, read without joining any consumer group.
 * </ul>
 *
 * <p>Log ids of this package are {@code IMSG-91xx}.
 */
package io.imsg.testkit.fault;

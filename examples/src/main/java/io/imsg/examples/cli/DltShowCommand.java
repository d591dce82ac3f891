package io.imsg.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.imsg.kafka.KafkaSettings;
import io.imsg.kafka.codec.SchemaTopicSettings;
import io.imsg.kafka.redrive.DeadLetter;
import io.imsg.kafka.redrive.DeadLetterDecoder;
import io.imsg.kafka.redrive.DeadLetterReader;
import io.imsg.kafka.redrive.DeadLetterTopicNotFoundException;
import io.imsg.kafka.redrive.RedriveTopics;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code imsg dlt show}: dead letters as JSON, envelope and payload decoded, with their failure. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = CliVersion.class,
        header = "Prints dead letters as JSON: the decoded envelope and payload, and why they failed.",
        description = {
            "With --partition and --offset, prints that one dead letter as a JSON object; otherwise the first"
                    + " --limit dead letters of the topic as a JSON array.",
            "Payloads are decoded with the writer schemas services published to the schema topic, so no"
                    + " payload classes are needed; a payload or value that cannot be decoded is printed as"
                    + " base64 with the reason.",
            "Dead letters of an encrypted topic are decrypted with the AES keys of --key-store; without it they"
                    + " are printed as base64."},
        sortOptions = false)
final class DltShowCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Mixin
    private DltOptions options;

    @Option(names = "--partition", paramLabel = "P", description = "The dead letter's partition (with --offset).")
    private Integer partition;

    @Option(names = "--offset", paramLabel = "O", description = "The dead letter's offset (with --partition).")
    private Long offset;

    @Option(names = "--limit", paramLabel = "N", description = "How many dead letters to print from the"
            + " beginning of the topic (default: 10).")
    private Integer limit;

    @Mixin
    private KeyStoreOptions keyStore;

    @Override
    public Integer call() throws Exception {
        String topic = options.topic();
        checkSelection();
        KafkaSettings kafka = options.kafka();
        // The keys go to the decoder only: the reader's clients never decrypt or re-encrypt anything.
        DeadLetterDecoder decoder = DeadLetterDecoder.fromSchemaTopic(
                kafka.toBuilder().protection(keyStore.protection(RedriveTopics.routedTopicOf(topic))).build(),
                SchemaTopicSettings.ofDefaults().withReadTimeout(options.settings().timeout()));
        try (DeadLetterReader reader = DeadLetterReader.create(kafka, options.settings())) {
            JsonNode json = partition != null ? one(reader, decoder, topic) : first(reader, decoder, topic);
            if (json == null) {
                return DltErrors.couldNotRun(spec, RedriveTopics.deadLetterTopicOf(topic) + " holds no dead letter"
                        + " at partition " + partition + ", offset " + offset);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(MAPPER.writeValueAsString(json));
            out.flush();
            return 0;
        } catch (DeadLetterTopicNotFoundException e) {
            return DltErrors.couldNotRun(spec, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // e.g. no such partition
        }
    }

    private void checkSelection() {
        if ((partition == null) != (offset == null)) {
            throw new ParameterException(spec.commandLine(), "--partition and --offset go together");
        }
        if (partition != null && limit != null) {
            throw new ParameterException(spec.commandLine(), "--limit cannot be combined with --partition/--offset");
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1 (was " + limit + ")");
        }
    }

    /** The dead letter at --partition/--offset; null when that offset holds none. */
    private JsonNode one(DeadLetterReader reader, DeadLetterDecoder decoder, String topic) {
        Optional<DeadLetter> letter = reader.readAt(topic, partition, offset);
        return letter.map(decoder::decode).map(DeadLetterJson::of).orElse(null);
    }

    private JsonNode first(DeadLetterReader reader, DeadLetterDecoder decoder, String topic) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        try (Stream<DeadLetter> letters = reader.stream(topic)) {
            letters.limit(limit == null ? 10 : limit).map(decoder::decode).map(DeadLetterJson::of).forEach(array::add);
        }
        return array;
    }
}

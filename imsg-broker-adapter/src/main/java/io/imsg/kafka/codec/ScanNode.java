package io.imsg.kafka.codec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * One node of a writer schema compiled for {@link AvroBoundsScanner}: the facts the scan needs
 * (type, branch and symbol counts, fixed size, minimum encoded size) in plain fields, so the
 * per-record walk never calls back into {@link Schema}'s lists and maps.
 *
 * <p>Recursive schemas compile to a cyclic graph: a named schema met again is the same node.
 * Immutable once {@link #compile} returns.
 */
final class ScanNode {

    /** Keeps sums from overflowing; any size past this is larger than any accepted message anyway. */
    private static final int MIN_SIZE_CAP = Integer.MAX_VALUE / 4;

    final Schema.Type type;
    final String label;
    /**
     * What an error names when an enum ordinal or a block's count or byte size is wrong. Built once
     * here: building them per value showed up in the consumer's profile, for errors that almost
     * never happen.
     */
    final String ordinalLabel;
    final String blockCountLabel;
    final String blockSizeLabel;
    /** Record fields in order, union branches, or the single array item / map value node. */
    final ScanNode[] children;
    /** Fixed size for FIXED, symbol count for ENUM, otherwise 0. */
    final int size;
    /** Fewest bytes any value of this schema encodes to; 0 for null, empty records and the like. */
    int minEncodedSize;

    private ScanNode(Schema.Type type, String label, int childCount, int size) {
        this.type = type;
        this.label = label;
        this.ordinalLabel = label + " enum ordinal";
        this.blockCountLabel = label + " block count";
        this.blockSizeLabel = label + " block byte size";
        this.children = new ScanNode[childCount];
        this.size = size;
    }

    static ScanNode compile(Schema schema) {
        Map<Schema, ScanNode> compiled = new IdentityHashMap<>();
        List<ScanNode> all = new ArrayList<>();
        ScanNode root = build(schema, compiled, all);
        computeMinimumSizes(all);
        return root;
    }

    private static ScanNode build(Schema schema, Map<Schema, ScanNode> compiled, List<ScanNode> all) {
        ScanNode existing = compiled.get(schema);
        if (existing != null) {
            return existing;
        }
        ScanNode node = newNode(schema);
        // Registered before the children are built, so a recursive reference finds this node.
        compiled.put(schema, node);
        all.add(node);
        switch (schema.getType()) {
            case RECORD -> {
                List<Schema.Field> fields = schema.getFields();
                for (int i = 0; i < fields.size(); i++) {
                    node.children[i] = build(fields.get(i).schema(), compiled, all);
                }
            }
            case UNION -> {
                List<Schema> branches = schema.getTypes();
                for (int i = 0; i < branches.size(); i++) {
                    node.children[i] = build(branches.get(i), compiled, all);
                }
            }
            case ARRAY -> node.children[0] = build(schema.getElementType(), compiled, all);
            case MAP -> node.children[0] = build(schema.getValueType(), compiled, all);
            default -> { }
        }
        return node;
    }

    private static ScanNode newNode(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> new ScanNode(schema.getType(), schema.getFullName(), schema.getFields().size(), 0);
            case UNION -> new ScanNode(schema.getType(), "union", schema.getTypes().size(), 0);
            case ARRAY -> new ScanNode(schema.getType(), "array", 1, 0);
            case MAP -> new ScanNode(schema.getType(), "map", 1, 0);
            case FIXED -> new ScanNode(schema.getType(), schema.getFullName(), 0, schema.getFixedSize());
            case ENUM -> new ScanNode(schema.getType(), schema.getFullName(), 0, schema.getEnumSymbols().size());
            default -> new ScanNode(schema.getType(), schema.getName(), 0, 0);
        };
    }

    /**
     * Minimum sizes are a least fixpoint: start every node at 0 (a safe underestimate) and raise them
     * until nothing changes. A smallest value never repeats a node on a path from the root, so
     * {@code all.size() + 1} passes settle every schema that has finite values; a recursive record
     * with no finite value would grow forever and is simply left at its (still safe) underestimate.
     */
    private static void computeMinimumSizes(List<ScanNode> all) {
        boolean changed = true;
        for (int pass = 0; changed && pass <= all.size(); pass++) {
            changed = false;
            for (ScanNode node : all) {
                int size = Math.min(MIN_SIZE_CAP, node.minimumFromChildren());
                if (size > node.minEncodedSize) {
                    node.minEncodedSize = size;
                    changed = true;
                }
            }
        }
    }

    private int minimumFromChildren() {
        return switch (type) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> size;
            case RECORD -> {
                long sum = 0;
                for (ScanNode field : children) {
                    sum += field.minEncodedSize;
                }
                yield (int) Math.min(sum, MIN_SIZE_CAP);
            }
            case UNION -> {
                int smallest = MIN_SIZE_CAP;
                for (ScanNode branch : children) {
                    smallest = Math.min(smallest, branch.minEncodedSize);
                }
                yield 1 + smallest;
            }
            // boolean, int, long, enum: one byte at least; string, bytes, array, map: a one-byte length or count.
            default -> 1;
        };
    }
}

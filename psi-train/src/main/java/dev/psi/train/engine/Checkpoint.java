package dev.psi.train.engine;

import dev.psi.core.controller.Controller;
import dev.psi.core.controller.LossAverage;
import dev.psi.core.result.EpochResult;
import dev.psi.train.optim.OptimizerState;
import dev.psi.train.optim.TensorCopy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The full state of a trial between two epochs, held in memory: parameters, optimizer state, what the
 * step measurements carry across steps (when a controller asks for them), controller state, loss average and the position in the data order (the next epoch, whose shuffle is derived from
 * the seed and the epoch index). Restoring it and training on gives the same numbers as never having
 * left, which is what branching from a checkpoint needs.
 *
 * <p>{@link #toBytes()} and {@link #fromBytes} carry it across processes, for a killed trial to resume from
 * its last finished epoch: tensors, optimizer state, step measurements and the history as plain binary
 * ({@link DataOutputStream}), then the controller and the loss average with Java serialization, since
 * their state is exactly their fields. The bytes are read back only by the same version of Psi.
 */
public record Checkpoint(
        List<TensorCopy> parameters,
        OptimizerState optimizer,
        SignalHistory signals,
        Controller controller,
        LossAverage lossAverage,
        int nextEpoch,
        long steps,
        List<EpochResult> history) {

    /** The first bytes of every encoded checkpoint, with the format's version in the last one. */
    // Version 2: epochs carry their test measurements.
    private static final byte[] MAGIC = {'P', 'S', 'I', 'C', 'K', 'P', 'T', 2};

    public Checkpoint {
        parameters = List.copyOf(parameters);
        history = List.copyOf(history);
        controller = controller.copy();
        lossAverage = lossAverage.copy();
    }

    /** This checkpoint as bytes, for {@link #fromBytes}. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            writeTensors(out, parameters);
            out.writeLong(optimizer.steps());
            out.writeInt(optimizer.buffers().size());
            for (TensorCopy[] buffer : optimizer.buffers()) {
                writeTensors(out, Arrays.asList(buffer));
            }
            double[] scalars = optimizer.scalars();
            out.writeInt(scalars.length);
            for (double scalar : scalars) {
                out.writeDouble(scalar);
            }
            writeTensors(out, signals.previousDirections());
            writeTensors(out, signals.gradientAverages());
            out.writeLong(signals.averagedSteps());
            out.writeInt(nextEpoch);
            out.writeLong(steps);
            out.writeInt(history.size());
            for (EpochResult epoch : history) {
                out.writeInt(epoch.epoch());
                out.writeDouble(epoch.lr());
                out.writeDouble(epoch.trainLoss());
                out.writeDouble(epoch.valLoss());
                out.writeDouble(epoch.valAccuracy());
                out.writeLong(epoch.steps());
                out.writeDouble(epoch.wallSeconds());
                out.writeDouble(epoch.testLoss());
                out.writeDouble(epoch.testAccuracy());
            }
            ObjectOutputStream objects = new ObjectOutputStream(out);
            objects.writeObject(controller);
            objects.writeObject(lossAverage);
            objects.flush();
        } catch (IOException e) {
            // Only a controller that is not serializable gets here: the stream is in memory.
            throw new IllegalStateException("cannot encode the checkpoint: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * The checkpoint {@link #toBytes()} encoded.
     *
     * @throws IllegalArgumentException if the bytes are not a checkpoint of this version of Psi
     */
    public static Checkpoint fromBytes(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a checkpoint of this version of Psi");
            }
            List<TensorCopy> parameters = readTensors(in);
            long optimizerSteps = in.readLong();
            int bufferCount = in.readInt();
            List<TensorCopy[]> buffers = new ArrayList<>(bufferCount);
            for (int i = 0; i < bufferCount; i++) {
                buffers.add(readTensors(in).toArray(TensorCopy[]::new));
            }
            double[] scalars = new double[in.readInt()];
            for (int i = 0; i < scalars.length; i++) {
                scalars[i] = in.readDouble();
            }
            SignalHistory signals = new SignalHistory(readTensors(in), readTensors(in), in.readLong());
            int nextEpoch = in.readInt();
            long steps = in.readLong();
            int epochs = in.readInt();
            List<EpochResult> history = new ArrayList<>(epochs);
            for (int i = 0; i < epochs; i++) {
                history.add(new EpochResult(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readLong(), in.readDouble(), in.readDouble(), in.readDouble()));
            }
            ObjectInputStream objects = new ObjectInputStream(in);
            Controller controller = (Controller) objects.readObject();
            LossAverage lossAverage = (LossAverage) objects.readObject();
            return new Checkpoint(parameters, new OptimizerState(optimizerSteps, buffers, scalars), signals,
                    controller, lossAverage, nextEpoch, steps, history);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // Truncated or foreign bytes surface as EOF, buffer underflow, negative sizes or a wrong class.
            throw new IllegalArgumentException("not a checkpoint of this version of Psi: " + e, e);
        }
    }

    /** A list of tensors, any of which may be absent (an optimizer slot not yet used). */
    private static void writeTensors(DataOutputStream out, List<TensorCopy> tensors) throws IOException {
        out.writeInt(tensors.size());
        for (TensorCopy tensor : tensors) {
            out.writeBoolean(tensor != null);
            if (tensor == null) {
                continue;
            }
            out.writeInt(tensor.shape().length);
            for (long dimension : tensor.shape()) {
                out.writeLong(dimension);
            }
            float[] values = tensor.values();
            out.writeInt(values.length);
            // One bulk copy instead of a call per value: the same big-endian bytes, several times faster.
            ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * values.length);
            bytes.asFloatBuffer().put(values);
            out.write(bytes.array());
        }
    }

    private static List<TensorCopy> readTensors(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<TensorCopy> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!in.readBoolean()) {
                tensors.add(null);
                continue;
            }
            long[] shape = new long[in.readInt()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = in.readLong();
            }
            float[] values = new float[in.readInt()];
            ByteBuffer.wrap(in.readNBytes(Float.BYTES * values.length)).asFloatBuffer().get(values);
            tensors.add(new TensorCopy(shape, values));
        }
        return tensors;
    }
}

package dev.psi.lab.surface;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where an oracle trajectory stands after a kept epoch, for a killed sampling trial to resume there: the
 * trial's own checkpoint ({@link dev.psi.train.engine.Checkpoint#toBytes}) and what the oracle and the surface
 * rows carry from one epoch to the next.
 *
 * @param nextEpoch the epoch to explore next
 * @param previousRate α_{i−1}, the rate the next epoch's candidate factors multiply
 * @param meanLoss the mean training loss of the last kept epoch
 * @param firstLoss ε₀, the trial's first batch loss
 * @param smoothedLoss the smoothed loss the probe last saw
 * @param epochsTrained epochs trained so far, branches and lookahead included
 * @param rows surface rows recorded so far
 * @param seconds wall-clock seconds spent so far
 * @param trial the trial's state, as {@code Checkpoint.toBytes} wrote it
 */
record TrajectoryCheckpoint(int nextEpoch, double previousRate, double meanLoss, double firstLoss,
        double smoothedLoss, long epochsTrained, int rows, double seconds, byte[] trial) {

    /** This point as bytes for the store's {@code checkpoints} table. */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(nextEpoch);
            out.writeDouble(previousRate);
            out.writeDouble(meanLoss);
            out.writeDouble(firstLoss);
            out.writeDouble(smoothedLoss);
            out.writeLong(epochsTrained);
            out.writeInt(rows);
            out.writeDouble(seconds);
            out.writeInt(trial.length);
            out.write(trial);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The point {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not one
     */
    static TrajectoryCheckpoint fromBytes(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int nextEpoch = in.readInt();
            double previousRate = in.readDouble();
            double meanLoss = in.readDouble();
            double firstLoss = in.readDouble();
            double smoothedLoss = in.readDouble();
            long epochsTrained = in.readLong();
            int rows = in.readInt();
            double seconds = in.readDouble();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("the trial's state is cut short");
            }
            return new TrajectoryCheckpoint(nextEpoch, previousRate, meanLoss, firstLoss, smoothedLoss, epochsTrained,
                    rows, seconds, in.readNBytes(length));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an oracle trajectory's checkpoint: " + e.getMessage(), e);
        }
    }
}

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import java.util.concurrent.CountDownLatch;

/**
 * Whether two trials could train on two threads of one JVM (README, "Spark"): the first thread holds the gradient
 * collector a training step needs, the second opens one. Run as a single-file program:
 *
 * <pre>
 * java -Dai.djl.offline=true -DDJL_CACHE_DIR=$HOME/.psi/djl -DENGINE_CACHE_DIR=$HOME/.psi/djl \
 *   -cp "psi-app/target/lib/*" tools/bench/TwoCollectors.java
 * </pre>
 */
public final class TwoCollectors {
    public static void main(String[] args) throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread a = new Thread(() -> {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                first.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.start();
        first.await();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            System.out.println("second collector opened");
        } catch (RuntimeException e) {
            System.out.println("second thread: " + e);
        } finally {
            done.countDown();
            a.join();
        }
    }
}

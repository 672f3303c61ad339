package io.ocrbatch.activities.output.pdf;

import io.ocrbatch.activities.ocr.Box;
import io.ocrbatch.activities.ocr.PageText;
import io.ocrbatch.activities.samples.PageRenderer;
import io.ocrbatch.activities.samples.SampleTexts;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * bench/pdf-volume.sh: builds a volume's searchable PDF of PAGES A4 pages at 300 dpi (one scan file
 * per page, as BDRC volumes have) and prints pages/s, the file's size and the JVM's peak heap use,
 * to show that memory does not grow with the volume. Arguments: pages, format (png, jpeg, g4), and
 * any third argument to leave the text layer out (the images' share of the time).
 */
public final class VolumePdfBench {
  public static void main(String[] args) throws Exception {
    int pages = Integer.parseInt(args[0]);
    String format = args.length > 1 ? args[1] : "jpeg";
    Path dir = Files.createTempDirectory("pdf-bench-");
    PageRenderer renderer = new PageRenderer(PageRenderer.DEJAVU_SERIF, 50f, 2480, 3508);
    PageRenderer.Page page = renderer.render(SampleTexts.englishWords(400), " ", 1.5);
    Path scan = dir.resolve("scan." + (format.equals("g4") ? "tif" : format));
    write(page.image(), format, scan);
    PageText text = args.length > 2 ? new PageText(2480, 3508, List.of()) : text(page);
    AtomicLong peak = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              var memory = ManagementFactory.getMemoryMXBean();
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    Path pdf = dir.resolve("volume.pdf");
    long started = System.nanoTime();
    try (SearchablePdf doc = new SearchablePdf("bench", "ocrbatch bench", "bench")) {
      for (int i = 0; i < pages; i++) doc.addPage(scan, 0, 300, text);
      doc.save(pdf);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    System.out.printf(
        Locale.ROOT,
        "%s: %d pages (%d KB scan each) in %.1f s = %.1f pages/s; PDF %.1f MB; peak heap %d MB"
            + " (max %d MB)%n",
        format,
        pages,
        Files.size(scan) / 1024,
        seconds,
        pages / seconds,
        Files.size(pdf) / 1e6,
        peak.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) Files.delete(f);
    }
    Files.delete(dir);
  }

  private static PageText text(PageRenderer.Page page) {
    List<PageText.Line> lines = new ArrayList<>();
    int y = 200;
    for (String line : page.lines()) {
      List<PageText.Word> words = new ArrayList<>();
      int x = 200;
      for (String word : line.split(" ")) {
        int w = word.length() * 28;
        words.add(new PageText.Word(word, new Box(x, y, x + w, y + 60), 95f));
        x += w + 20;
      }
      lines.add(new PageText.Line(line, new Box(200, y, x, y + 60), 95f, words));
      y += 75;
    }
    return PageText.oneRegion(2480, 3508, lines);
  }

  private static void write(BufferedImage image, String format, Path file) throws Exception {
    if (format.equals("g4")) {
      BufferedImage bilevel =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      bilevel.getGraphics().drawImage(image, 0, 0, null);
      ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("CCITT T.6");
      try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(bilevel, null, null), param);
      } finally {
        writer.dispose();
      }
      return;
    }
    ImageIO.write(image, format, file.toFile());
  }
}

package io.ocrbatch.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.beans.PropertyEditorSupport;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in requests are plain ASCII decimals ({@code 72}, {@code -1}), nothing else: Spring
 * would read {@code 0x48} and {@code #200} as hexadecimal and Java {@code ३००} as 300, so a typo or
 * a trick would be taken as some number. Query and path parameters are bound with these editors (a
 * refusal is the usual 400 naming the parameter); JSON bodies take JSON integers only, neither
 * strings nor fractions ({@link #strict}).
 */
@ControllerAdvice
class PlainNumbers {
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}");

  @InitBinder
  void plainNumbers(WebDataBinder binder) {
    binder.registerCustomEditor(int.class, new Editor(Integer.MIN_VALUE, Integer.MAX_VALUE, false));
    binder.registerCustomEditor(
        Integer.class, new Editor(Integer.MIN_VALUE, Integer.MAX_VALUE, true));
    binder.registerCustomEditor(long.class, new Editor(Long.MIN_VALUE, Long.MAX_VALUE, false));
    binder.registerCustomEditor(Long.class, new Editor(Long.MIN_VALUE, Long.MAX_VALUE, true));
  }

  /** A whole number in {@code [min, max]} written as a plain decimal; empty is null if allowed. */
  private static final class Editor extends PropertyEditorSupport {
    private final long min;
    private final long max;
    private final boolean emptyIsNull;

    Editor(long min, long max, boolean emptyIsNull) {
      this.min = min;
      this.max = max;
      this.emptyIsNull = emptyIsNull;
    }

    @Override
    public void setAsText(String text) {
      if ((text == null || text.isEmpty()) && emptyIsNull) {
        setValue(null);
        return;
      }
      if (text == null || !DECIMAL.matcher(text).matches())
        throw new IllegalArgumentException("not a plain decimal whole number");
      long value = Long.parseLong(text);
      if (value < min || value > max) throw new IllegalArgumentException("out of range");
      setValue(max == Integer.MAX_VALUE ? Integer.valueOf((int) value) : Long.valueOf(value));
    }
  }

  /**
   * The request-body mapper: whole-number fields take JSON integers only (a string or a fraction is
   * refused with the value given, not coerced).
   */
  static ObjectMapper strict(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("plain-numbers");
    module.addDeserializer(Integer.class, new JsonWholeNumber<>(Integer.class, Math::toIntExact));
    module.addDeserializer(int.class, new JsonWholeNumber<>(int.class, Math::toIntExact));
    module.addDeserializer(Long.class, new JsonWholeNumber<>(Long.class, v -> v));
    module.addDeserializer(long.class, new JsonWholeNumber<>(long.class, v -> v));
    return mapper.registerModule(module);
  }

  private static final class JsonWholeNumber<T> extends StdScalarDeserializer<T> {
    private final transient java.util.function.LongFunction<T> exact;

    JsonWholeNumber(Class<?> type, java.util.function.LongFunction<T> exact) {
      super(type);
      this.exact = exact;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_NUMBER_INT) && p.getNumberType() != NumberType.BIG_INTEGER) {
        try {
          return exact.apply(p.getLongValue());
        } catch (ArithmeticException tooLarge) {
          // refused below, with the value
        }
      }
      throw InvalidFormatException.from(p, "not a whole number", p.getText(), handledType());
    }
  }
}

package io.liqheat.ingest.binance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of one Binance stream event as read, before its type is acted on. Binance's events are
 * flat objects with one-letter keys that mean different things per type ({@code p} is the trade
 * price in aggTrade, the mark in markPriceUpdate), so every candidate is read into a primitive slot
 * and the event type decides which slots count. A slot that held a value of the wrong kind is
 * remembered, so the reason can say "non-numeric p" instead of "missing field p".
 */
final class StreamEvent {

  /** Slots the parser tells apart: absent, present and readable, present but unreadable. */
  static final byte ABSENT = 0;
  static final byte OK = 1;
  static final byte BAD = 2;

  String type;
  String symbol;
  long eventTime = JsonValues.NO_LONG;
  long tradeTime = JsonValues.NO_LONG;
  double price = Double.NaN;
  double quantity = Double.NaN;
  byte priceSlot;
  byte quantitySlot;
  byte eventTimeSlot;
  byte tradeTimeSlot;
  byte makerSlot;
  boolean buyerMaker;
  boolean ack;
  boolean error;
  boolean hasOrder;
  boolean orderMalformed;
  final Order order = new Order();

  /** The liquidation order nested under {@code o} of a forceOrder event. */
  static final class Order {
    String symbol;
    String side;
    double quantity = Double.NaN;
    double price = Double.NaN;
    double averagePrice = Double.NaN;
    double filledQuantity = Double.NaN;
    long tradeTime = JsonValues.NO_LONG;
    byte quantitySlot;
    byte priceSlot;
    byte averagePriceSlot;
    byte filledQuantitySlot;
    byte tradeTimeSlot;
  }

  /** Reads the value of field {@code name} (the parser is on the value's first token). */
  void read(String name, JsonParser p) throws IOException {
    switch (name) {
      case "e" -> type = JsonValues.text(p);
      case "s" -> symbol = JsonValues.text(p);
      case "E" -> {
        eventTime = JsonValues.integer(p);
        eventTimeSlot = slot(eventTime != JsonValues.NO_LONG);
      }
      case "T" -> {
        tradeTime = JsonValues.integer(p);
        tradeTimeSlot = slot(tradeTime != JsonValues.NO_LONG);
      }
      case "p" -> {
        price = JsonValues.decimal(p);
        priceSlot = slot(!Double.isNaN(price));
      }
      case "q" -> {
        quantity = JsonValues.decimal(p);
        quantitySlot = slot(!Double.isNaN(quantity));
      }
      case "m" -> {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
          buyerMaker = token == JsonToken.VALUE_TRUE;
          makerSlot = OK;
        } else {
          p.skipChildren();
          makerSlot = BAD;
        }
      }
      case "o" -> {
        if (p.currentToken() == JsonToken.START_OBJECT) {
          hasOrder = true;
          readOrder(p);
        } else {
          // "o" is also the open price inside a kline's "k"; at the top level a non-object is a broken forceOrder.
          p.skipChildren();
          orderMalformed = true;
        }
      }
      case "result", "id" -> {
        ack = true;
        p.skipChildren();
      }
      case "code" -> {
        error = true;
        p.skipChildren();
      }
      default -> p.skipChildren();
    }
  }

  private void readOrder(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "s" -> order.symbol = JsonValues.text(p);
        case "S" -> order.side = JsonValues.text(p);
        case "q" -> {
          order.quantity = JsonValues.decimal(p);
          order.quantitySlot = slot(!Double.isNaN(order.quantity));
        }
        case "p" -> {
          order.price = JsonValues.decimal(p);
          order.priceSlot = slot(!Double.isNaN(order.price));
        }
        case "ap" -> {
          order.averagePrice = JsonValues.decimal(p);
          order.averagePriceSlot = slot(!Double.isNaN(order.averagePrice));
        }
        case "z" -> {
          order.filledQuantity = JsonValues.decimal(p);
          order.filledQuantitySlot = slot(!Double.isNaN(order.filledQuantity));
        }
        case "T" -> {
          order.tradeTime = JsonValues.integer(p);
          order.tradeTimeSlot = slot(order.tradeTime != JsonValues.NO_LONG);
        }
        default -> p.skipChildren();
      }
    }
  }

  private static byte slot(boolean readable) {
    return readable ? OK : BAD;
  }
}

package io.kizuna.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTests {

    @Test
    void defaultsToTwentyAndAcceptsUpToAHundred() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(20);
        assertThat(PageRequest.of("100", null).limit()).isEqualTo(100);
        assertThat(PageRequest.of(" 7 ", "").isFirst()).isTrue();
    }

    @Test
    void refusesLimitsOutsideOneToAHundred() {
        for (var bad : List.of("0", "101", "-1", "1.5", "ten")) {
            assertThatThrownBy(() -> PageRequest.of(bad, null)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void cursorRoundTripsItsKeys() {
        String cursor = PageRequest.encode("2026-11-23T10:00:00Z", 42L, "スレッド");
        var page = PageRequest.of("5", cursor);
        assertThat(page.afterString(0)).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(page.afterLong(1)).isEqualTo(42L);
        assertThat(page.afterString(2)).isEqualTo("スレッド");
    }

    @Test
    void aTimeKeyIsOneThisServerIssues() {
        var issued = java.time.OffsetDateTime.parse("2026-11-23T10:00:00.123456Z");
        assertThat(PageRequest.of(null, PageRequest.encode(issued)).afterTime(0)).isEqualTo(issued);
        for (var bad : List.of("yesterday", "+300000-01-01T00:00Z", "-0001-01-01T00:00Z", "10000-01-01T00:00Z")) {
            var page = PageRequest.of(null, PageRequest.encode(bad));
            assertThatThrownBy(() -> page.afterTime(0)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void tamperedCursorsAreBadInputNotErrors() {
        assertThatThrownBy(() -> PageRequest.of(null, "!!!")).isInstanceOf(InvalidInputException.class);
        var page = PageRequest.of(null, PageRequest.encode("not-a-number"));
        assertThatThrownBy(() -> page.afterLong(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> page.afterString(3)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void pageFromOverfetchSetsTheNextCursorOnlyWhenMoreExist() {
        var more = Page.fromOverfetch(List.of(1L, 2L, 3L), 2, n -> PageRequest.encode(n));
        assertThat(more.items()).containsExactly(1L, 2L);
        assertThat(PageRequest.of(null, more.nextCursor()).afterLong(0)).isEqualTo(2L);
        var last = Page.fromOverfetch(List.of(1L, 2L), 2, n -> PageRequest.encode(n));
        assertThat(last.nextCursor()).isNull();
    }
}

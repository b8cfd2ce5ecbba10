package io.kizuna.reviews.internal;

import io.kizuna.community.PostManagement;
import io.kizuna.community.ThreadManagement;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.media.MediaManagement;
import io.kizuna.platform.DemoSeeder;
import io.kizuna.reviews.GalleryManagement;
import io.kizuna.reviews.GalleryManagement.NewGalleryPost;
import io.kizuna.reviews.QuestionManagement;
import io.kizuna.reviews.QuestionManagement.NewQuestion;
import io.kizuna.reviews.ReviewManagement;
import io.kizuna.reviews.ReviewManagement.NewReview;
import io.kizuna.shared.Actor;
import io.kizuna.store.OrderManagement;
import io.kizuna.store.OrderManagement.AddressForm;
import io.kizuna.store.OrderManagement.NewItem;
import io.kizuna.store.OrderManagement.NewOrder;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo reviews, questions and gallery photos on the demo store's products, written through the same services members
 * and staff use: verified purchases (paid demo orders), photos, a PR-labelled review, a brand reply, helpful votes, a
 * question with an official best answer, and featured gallery photos.
 */
@Component
class ReviewsDemo implements DemoSeeder {
    private static final String DEMO = "@demo.kizuna.invalid";
    private final ReviewManagement reviews;
    private final QuestionManagement questions;
    private final GalleryManagement gallery;
    private final OrderManagement orders;
    private final MediaManagement media;
    private final IdentityManagement identity;
    private final ThreadManagement threads;
    private final PostManagement posts;
    private final JdbcClient jdbc;

    ReviewsDemo(ReviewManagement reviews, QuestionManagement questions, GalleryManagement gallery, OrderManagement orders, MediaManagement media,
                IdentityManagement identity, ThreadManagement threads, PostManagement posts, JdbcClient jdbc) {
        this.reviews = reviews;
        this.questions = questions;
        this.gallery = gallery;
        this.orders = orders;
        this.media = media;
        this.identity = identity;
        this.threads = threads;
        this.posts = posts;
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void seed() {
        if (jdbc.sql("select count(*) from reviews").query(Long.class).single() > 0) return;
        if (jdbc.sql("select count(*) from store_products where slug = 'ethiopia-yirgacheffe'").query(Long.class).single() == 0) return;
        var staff = member("sato.hanako");
        var taro = member("suzuki.taro");
        var yui = member("takahashi.yui");
        var ken = member("tanaka.ken");
        var sakura = member("ito.sakura");
        var ren = member("watanabe.ren");
        // paid orders, so these reviews carry the verified-purchase mark
        buy(staff, yui, "ETHIOPIA_YIRGACHEFFE-200G");
        buy(staff, ken, "ETHIOPIA_YIRGACHEFFE-200G");
        buy(staff, sakura, "KETTLE-08");
        buy(staff, ren, "COLOMBIA_SUPREMO-200G");

        var first = review(yui, "ethiopia-yirgacheffe", 5, "朝が楽しみになる香り", "袋を開けた瞬間から花のような香りが広がります。浅煎りでも酸味がきつすぎず、レモンティーのような後味です。", photo(yui, new Color(120, 72, 40)));
        review(ken, "ethiopia-yirgacheffe", 4, "華やか。ただし好みは分かれそう", "フルーティーで美味しいです。深煎り派の家族には少し軽いと言われました。アイスにすると最高でした。", null);
        var pr = review(taro, "ethiopia-yirgacheffe", 5, "アンバサダーとして試飲しました", "サンプルをいただいて試しました。ペーパードリップで92℃くらいが一番香りが立ちました。", null);
        review(ren, "colombia-supremo", 4, "毎日飲むならこれ", "ナッツのような甘みで、ミルクとも合います。価格もちょうどよいです。", null);
        review(sakura, "drip-kettle", 5, "細く注げて失敗しない", "注ぎ口が細いので、初心者でもゆっくり注げます。IHでも使えました。", photo(sakura, new Color(180, 180, 190)));
        review(ken, "drip-kettle", 3, "容量がもう少しほしい", "使いやすいですが、2杯分を淹れるとお湯がぎりぎりです。", null);
        review(yui, "hand-mill", 4, "挽く時間も楽しい", "粒がそろいます。中細挽きで1杯分30秒ほど。音も静かです。", null);
        review(ren, "brazil-santos", 3, "クセがなく飲みやすい", "特徴は控えめですが、毎朝のカフェオレ用にちょうどいいです。", null);
        reviews.label(staff, pr, true);
        reviews.reply(staff, first, "素敵なレビューをありがとうございます！アイスもぜひお試しください。");
        reviews.helpful(ken, first, true);
        reviews.helpful(sakura, first, true);
        reviews.helpful(ren, first, true);

        var q = questions.ask(sakura, "hand-mill", new NewQuestion("エスプレッソ用の極細挽きはできますか？", "マキネッタで使いたいと思っています。"));
        posts.reply(ken, q.threadId(), "私は一番細かい目盛りでマキネッタに使っていますが、問題なく淹れられています。", null);
        var official = posts.reply(staff, q.threadId(), "ショップの佐藤です。最も細かい設定でマキネッタ向けの細挽きまで対応しています。家庭用エスプレッソマシン向けの極細挽きには向きません。", null);
        threads.accept(sakura, q.threadId(), official.id());
        var q2 = questions.ask(ren, "drip-kettle", new NewQuestion("直火でも使えますか？", null));
        posts.reply(staff, q2.threadId(), "ガス火・IHどちらでもお使いいただけます。空焚きにはご注意ください。", null);

        var g1 = gallery.post(yui, new NewGalleryPost(photo(yui, new Color(90, 60, 30)), "休日の朝はイルガチェフェとハンドドリップで。", List.of("ethiopia-yirgacheffe", "drip-kettle")));
        var g2 = gallery.post(sakura, new NewGalleryPost(photo(sakura, new Color(200, 170, 120)), "ミルで挽く時間が好きです。", List.of("hand-mill")));
        gallery.post(ren, new NewGalleryPost(photo(ren, new Color(60, 40, 20)), "アイスコーヒーにしてみました。", List.of("colombia-supremo")));
        gallery.like(ken, g1.id(), true);
        gallery.like(taro, g1.id(), true);
        gallery.feature(staff, g1.id(), true);
        gallery.feature(staff, g2.id(), true);
    }

    private Actor member(String local) {
        return identity.actorByEmail(local + DEMO).orElseThrow();
    }

    private void buy(Actor staff, Actor buyer, String sku) {
        var placed = orders.place(buyer, new NewOrder(List.of(new NewItem(sku, BigDecimal.ONE)), "bank_transfer",
            new AddressForm(buyer.displayName(), "150-0001", "13", "渋谷区神宮前", "1-2-3", null, "03-1234-5678"), null), null);
        orders.confirmPayment(staff, placed.order().id());
    }

    private String review(Actor author, String slug, int rating, String title, String body, String photo) {
        return reviews.create(author, slug, new NewReview(BigDecimal.valueOf(rating), title, body, photo == null ? List.of() : List.of(photo))).id();
    }

    /** A small generated picture (a warm gradient) uploaded as the member, standing in for their photo. */
    private String photo(Actor owner, Color color) {
        var image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, color, 640, 480, color.brighter().brighter()));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(255, 255, 255, 160));
        g.fillOval(220, 140, 200, 200);
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return media.upload(owner, () -> new ByteArrayInputStream(out.toByteArray())).id();
    }
}

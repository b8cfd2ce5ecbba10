package io.kizuna.community.internal;

import io.kizuna.community.PostManagement;
import io.kizuna.community.SpaceManagement;
import io.kizuna.community.SpaceManagement.NewSpace;
import io.kizuna.community.PollManagement;
import io.kizuna.community.ThreadCuration;
import io.kizuna.community.ThreadManagement;
import io.kizuna.community.ThreadManagement.NewThread;
import io.kizuna.identity.IdentityManagement;
import io.kizuna.platform.DemoSeeder;
import io.kizuna.shared.Actor;
import io.kizuna.shared.Role;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * Demo community: four spaces and about 200 Japanese threads written through the same services members use:
 * questions (most answered and solved), ideas with votes and statuses, and discussions.
 */
@Component
class CommunityDemo implements DemoSeeder {
    private static final String[] PRODUCTS = {"ワイヤレスイヤホン", "コーヒーミル", "ドリップケトル", "電動歯ブラシ", "スマートウォッチ",
        "ハンドクリーム", "保温タンブラー", "ヨガマット", "加湿器", "炊飯器"};
    private static final String[][] PROBLEMS = {
        {"が充電できません", "ケースに入れてもランプが点きません。どうすればよいでしょうか。", "端子に汚れが付いていることが多いです。乾いた綿棒で端子を拭いてから、もう一度ケースに入れてみてください。"},
        {"の電源が入りません", "昨日まで使えていたのに、今朝から電源ボタンを押しても反応がありません。", "ボタンを10秒ほど長押しすると再起動できます。それでもだめなら、充電器を別のものに替えて30分ほど充電してみてください。"},
        {"の音が途切れます", "電車の中で使うと音がよく途切れます。設定で改善できますか。", "スマートフォンの省電力モードをオフにすると安定しました。アプリで接続の優先設定を「音質」から「接続」に変えるのもおすすめです。"},
        {"の使い方がよくわかりません", "届いたばかりですが、説明書を読んでも初期設定の手順がわかりませんでした。", "公式サイトの動画が分かりやすいです。最初にアプリをインストールして、画面の指示どおりに進めれば5分ほどで終わります。"},
        {"の保証期間を知りたいです", "購入から10か月たちました。保証はまだ使えますか。", "購入日から1年間が保証期間です。購入履歴の画面から保証の申し込みができますよ。"},
        {"のお手入れ方法を教えてください", "毎日使っていますが、どのくらいの頻度でお手入れすればよいですか。", "私は週に一度、中性洗剤を薄めた水で拭いています。月に一度は分解して乾かすと長持ちします。"},
        {"のにおいが気になります", "使い始めてから少しにおいがします。これは普通ですか。", "新品のうちは素材のにおいが出ることがあります。風通しのよい場所に一日置いておくと、ほとんど気にならなくなりました。"},
        {"から異音がします", "動かすとカタカタと音がします。故障でしょうか。", "部品が正しくはまっていないと音が出ることがあります。一度外して、カチッと音がするまで差し込み直してみてください。"},
        {"の設定が初期化されてしまいます", "電源を切るたびに設定が元に戻ってしまいます。", "ファームウェアを最新版に更新したら直りました。アプリの「設定」→「本体の更新」から更新できます。"},
        {"の付属品をなくしました", "付属の充電ケーブルをなくしてしまいました。単品で買えますか。", "ストアの「付属品」カテゴリで単品購入できます。メンバー価格で少し安くなっていました。"},
    };
    private static final String[] FEATURES = {"の色違い", "の大容量モデル", "の詰め替えパック", "専用の収納ケース", "のキッズ向けサイズ"};
    private static final String[] IDEA_STATUSES = {"open", "under_review", "planned", "in_progress", "shipped", "declined"};
    private static final String[] MEMBERS = {"takahashi.yui@demo.kizuna.invalid", "tanaka.ken@demo.kizuna.invalid",
        "ito.sakura@demo.kizuna.invalid", "watanabe.ren@demo.kizuna.invalid", "suzuki.taro@demo.kizuna.invalid"};

    private final SpaceManagement spaces;
    private final ThreadManagement threads;
    private final PostManagement posts;
    private final IdentityManagement identity;
    private final Spaces spaceRows;
    private final PollManagement polls;

    private final ThreadCuration curation;

    CommunityDemo(SpaceManagement spaces, ThreadManagement threads, PostManagement posts, IdentityManagement identity, Spaces spaceRows,
                  PollManagement polls, ThreadCuration curation) {
        this.curation = curation;
        this.polls = polls;
        this.spaces = spaces;
        this.threads = threads;
        this.posts = posts;
        this.identity = identity;
        this.spaceRows = spaceRows;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void seed() {
        if (spaceRows.find("support").isPresent()) return;
        var staff = identity.actorByEmail("sato.hanako@demo.kizuna.invalid").orElseThrow();
        var admin = new Actor(staff.id(), staff.displayName(), Role.ADMIN, true); // seeding acts with admin rights
        List<Actor> members = java.util.Arrays.stream(MEMBERS).map(e -> identity.actorByEmail(e).orElseThrow()).toList();
        spaces.create(admin, new NewSpace("support", "製品サポート", "製品の使い方や困りごとを、メンバー同士で解決しましょう。", "public"));
        spaces.create(admin, new NewSpace("ideas", "アイデア広場", "新しい商品や改善のアイデアを投稿して、投票しましょう。", "public"));
        spaces.create(admin, new NewSpace("lounge", "メンバーラウンジ", "メンバー限定の雑談スペースです。", "members"));
        spaces.create(admin, new NewSpace("ambassadors", "アンバサダー室", "アンバサダーとスタッフの打ち合わせ用（招待制）。", "private"));
        spaces.addMember(admin, "ambassadors", members.get(4).id().toString());
        var random = new Random(20261123);
        for (int p = 0; p < PRODUCTS.length; p++) {
            for (int q = 0; q < PROBLEMS.length; q++) {
                var asker = members.get(random.nextInt(members.size()));
                var thread = threads.start(asker, "support", new NewThread(PRODUCTS[p] + PROBLEMS[q][0], PROBLEMS[q][1], "question"));
                var helper = pickOther(members, asker, random);
                var answer = posts.reply(helper, thread.id(), PROBLEMS[q][2], null);
                if (random.nextInt(10) < 7) {
                    posts.reply(asker, thread.id(), "ありがとうございます！おかげで解決しました。", null);
                    threads.accept(asker, thread.id(), answer.id());
                } else {
                    posts.reply(staff, thread.id(), "スタッフの佐藤です。詳しい状況をサポート窓口でも確認しますので、購入番号を添えてお問い合わせください。", null);
                }
            }
        }
        for (int i = 0; i < 50; i++) {
            var author = members.get(random.nextInt(members.size()));
            String product = PRODUCTS[i % PRODUCTS.length];
            var idea = threads.start(author, "ideas", new NewThread(product + FEATURES[i % FEATURES.length] + "がほしい",
                "いつも愛用しています。" + product + FEATURES[i % FEATURES.length] + "があれば、家族にもすすめやすいと思います。", "idea"));
            for (var voter : members) {
                if (random.nextInt(3) > 0) threads.vote(voter, idea.id());
            }
            String status = IDEA_STATUSES[random.nextInt(IDEA_STATUSES.length)];
            if (!status.equals("open")) {
                curation.setIdeaStatus(admin, idea.id(), status, "ご提案ありがとうございます。チームで検討した結果をお知らせします。");
            }
        }
        for (int i = 0; i < 50; i++) {
            var author = members.get(random.nextInt(members.size()));
            String product = PRODUCTS[i % PRODUCTS.length];
            String space = i % 2 == 0 ? "lounge" : "support";
            var thread = threads.start(author, space, new NewThread("みんなの" + product + "活用術 その" + (i / PRODUCTS.length + 1),
                product + "を使い始めて半年です。みなさんのおすすめの使い方を教えてください。", "discussion"));
            posts.reply(pickOther(members, author, random), thread.id(), "朝の準備に使うと、時間が短くなって助かっています。", null);
            posts.reply(pickOther(members, author, random), thread.id(), "旅行にも持っていきました。**軽くて**便利でしたよ。", null);
        }
        var poll = threads.start(admin, "lounge", new NewThread("次のオンラインイベント、どれに参加したいですか？",
            "来月のメンバー向けイベントを企画しています。参加したいものに投票してください（複数選択できます）。", "discussion",
            new PollManagement.NewPoll("参加したいイベント", List.of("新商品の先行体験会", "開発チームとの座談会", "使い方ワークショップ", "オンライン工場見学"),
                true, null)));
        for (var voter : members) {
            var options = polls.view(Optional.of(voter), poll.id()).options();
            polls.vote(voter, poll.id(), List.of(options.get(random.nextInt(options.size())).id()));
        }
        threads.start(admin, "support", new NewThread("【お知らせ】年末年始の配送について",
            "12月29日から1月3日までにいただいたご注文は、1月4日から順に発送します。", "announcement"));
    }

    private static Actor pickOther(List<Actor> members, Actor not, Random random) {
        Actor a;
        do {
            a = members.get(random.nextInt(members.size()));
        } while (a.id().equals(not.id()));
        return a;
    }
}

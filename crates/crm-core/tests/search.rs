//! Search by every kind of query the desk types, and the ranking between them.

mod common;
use common::*;
use crm_core::search::query::MatchField;

async fn seeded() -> TestDb {
    let t = open().await;
    let a = alice();
    for (name, phone, email) in [
        ("张三丰", "+86 138-0013-8000", "zsf@wudang.cn"),
        ("张三", "139 1234 5678", "zhangsan@163.com"),
        ("李张三", "13511112222", ""),
        ("张小三", "13633334444", ""),
        ("John Smith", "(415) 555-0100", "john.smith@example.com"),
        ("王五", "010-6543 2100", "wangwu@qq.com"),
    ] {
        t.crm.create_customer(&a, person(name, phone, email)).await.unwrap();
    }
    let mut firm = company("深圳华为技术有限公司");
    firm.phones = vec!["0755-2878 0808".into()];
    t.crm.create_customer(&a, firm).await.unwrap();
    t
}

async fn names(t: &TestDb, q: &str) -> Vec<String> {
    t.crm.search(&alice(), q, 20).await.unwrap().into_iter().map(|h| h.name).collect()
}

#[tokio::test]
async fn two_character_chinese_name_ranks_the_exact_name_first() {
    let t = seeded().await;
    let found = names(&t, "张三").await;
    assert_eq!(found[0], "张三");
    assert!(found.contains(&"张三丰".to_string()));
    assert!(found.contains(&"李张三".to_string()), "a name containing 张三 is found: {found:?}");
    assert!(!found.contains(&"张小三".to_string()), "张小三 does not contain 张三");
}

#[tokio::test]
async fn chinese_parts_of_names_and_companies() {
    let t = seeded().await;
    assert_eq!(names(&t, "三丰").await, vec!["张三丰"]);
    assert_eq!(names(&t, "华为").await, vec!["深圳华为技术有限公司"]);
    assert_eq!(names(&t, "华为技术").await, vec!["深圳华为技术有限公司"]);
    assert!(names(&t, "丰").await.contains(&"张三丰".to_string()), "one character finds names ending with it");
}

#[tokio::test]
async fn full_pinyin_and_initials() {
    let t = seeded().await;
    let hits = t.crm.search(&alice(), "zsf", 5).await.unwrap();
    assert_eq!(hits[0].name, "张三丰");
    assert_eq!(hits[0].matched, MatchField::Pinyin);
    assert_eq!(names(&t, "zhangsanfeng").await[0], "张三丰");
    assert_eq!(names(&t, "ZhangSanF").await[0], "张三丰", "case and prefix");
    assert_eq!(names(&t, "zhang san feng").await[0], "张三丰", "syllables typed with spaces");
    assert_eq!(names(&t, "sanfeng").await, vec!["张三丰"], "given name in pinyin");
    // Two letters match whole initials ("zs" of 张三, the "zs" ending of 李张三) and names whose
    // spelling starts with them; the third letter reaches longer initials (see `worth_prefix`).
    let zs = names(&t, "zs").await;
    assert_eq!(zs[0], "张三", "exact initials first: {zs:?}");
    assert!(zs.contains(&"李张三".into()), "{zs:?}");
    let zh = names(&t, "zh").await;
    assert!(zh.contains(&"张三丰".into()) && zh.contains(&"张小三".into()), "pinyin spelling starts with zh: {zh:?}");
    assert_eq!(names(&t, "jo").await, vec!["John Smith"], "two letters of a Latin name");
}

#[tokio::test]
async fn any_run_of_phone_digits() {
    let t = seeded().await;
    let last4 = t.crm.search(&alice(), "8000", 5).await.unwrap();
    assert_eq!(last4[0].name, "张三丰");
    assert_eq!(last4[0].matched, MatchField::Phone);
    assert_eq!(names(&t, "0013").await, vec!["张三丰"], "digits in the middle");
    assert_eq!(names(&t, "13800138000").await, vec!["张三丰"], "without country code");
    assert_eq!(names(&t, "138 0013 8000").await, vec!["张三丰"], "typed with spaces");
    assert_eq!(names(&t, "5550100").await, vec!["John Smith"], "punctuation in the stored number");
    assert_eq!(names(&t, "28780808").await, vec!["深圳华为技术有限公司"]);
    assert!(names(&t, "99999").await.is_empty());
}

#[tokio::test]
async fn email_company_and_latin_names() {
    let t = seeded().await;
    assert_eq!(names(&t, "zsf@wudang.cn").await, vec!["张三丰"]);
    assert_eq!(names(&t, "john.smith@exa").await, vec!["John Smith"]);
    assert_eq!(names(&t, "wudang").await, vec!["张三丰"]);
    assert_eq!(names(&t, "smi").await, vec!["John Smith"]);
    assert_eq!(names(&t, "JOHN smith").await, vec!["John Smith"]);
    let exact = t.crm.search(&alice(), "john smith", 1).await.unwrap();
    assert!(exact[0].score >= 0.99, "the exact name scores highest: {}", exact[0].score);
}

#[tokio::test]
async fn operators_and_quotes_in_queries_are_plain_text() {
    let t = seeded().await;
    for q in ["\"", "*", "张三\" OR \"王五", "NEAR(a b)", "a:b", "' OR 1=1 --", "()", "^"] {
        t.crm.search(&alice(), q, 5).await.unwrap_or_else(|e| panic!("query {q:?} failed: {e}"));
    }
    assert!(names(&t, "   ").await.is_empty());
}

#[tokio::test]
async fn edits_reach_the_index_at_once() {
    let t = seeded().await;
    let id = t.crm.search(&alice(), "王五", 1).await.unwrap()[0].id.clone();
    let c = t.crm.get_customer(&alice(), &id).await.unwrap();
    let mut edit = c.to_input();
    edit.name = "王六".into();
    edit.phones = vec!["18600001234".into()];
    t.crm.update_customer(&alice(), &id, c.version, edit).await.unwrap();
    assert!(names(&t, "王五").await.is_empty());
    assert!(names(&t, "65432100").await.is_empty(), "the old number left the index");
    assert_eq!(names(&t, "wl").await, vec!["王六"]);
    assert_eq!(names(&t, "1234").await[0], "王六", "a number ending in the digits ranks above one containing them");
}

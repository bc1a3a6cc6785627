//! Dimensions and tags as the admin defines them in settings.

mod common;
use common::*;
use crm_core::ErrorCode;
use crm_core::classification::fields::{FieldInput, FieldOption, FieldType, FieldUpdate};
use crm_core::classification::tags::TagInput;
use crm_core::customer::list::{CustomerFilter, FieldFilter};
use crm_core::customer::model::CustomValue;

fn opt(key: &str, zh: &str, en: &str) -> FieldOption {
    FieldOption { key: key.into(), label_zh: zh.into(), label_en: en.into() }
}

fn field(key: &str, t: FieldType, options: Vec<FieldOption>) -> FieldInput {
    FieldInput { key: key.into(), label_zh: "维度".into(), label_en: "Dimension".into(), field_type: t, options }
}

#[tokio::test]
async fn builtin_dimensions_come_with_default_options() {
    let t = open().await;
    let fields = t.crm.list_fields().await.unwrap();
    let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, vec!["tier", "industry", "source"]);
    let tier = &fields[0];
    assert!(tier.builtin);
    let labels: Vec<&str> = tier.options.iter().map(|o| o.label_zh.as_str()).collect();
    assert_eq!(&labels[..4], ["钻石", "金卡", "银卡", "普通"]);
    assert_eq!(t.crm.delete_field(&alice(), &tier.id).await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn bad_definitions_are_refused() {
    let t = open().await;
    let cases = [
        (field("Gender", FieldType::Text, vec![]), "key 'Gender' is invalid"),
        (field("1st", FieldType::Text, vec![]), "is invalid"),
        (field("city", FieldType::Text, vec![]), "built-in field"),
        (field("gender", FieldType::SingleSelect, vec![]), "at least one option"),
        (field("gender", FieldType::Text, vec![opt("a", "甲", "A")]), "has no options"),
        (field("gender", FieldType::SingleSelect, vec![opt("m", "男", "M"), opt("m", "女", "F")]), "appears twice"),
        (field("gender", FieldType::SingleSelect, vec![opt("m", "男", "M"), opt("f", "男", "F")]), "same label"),
        (field("gender", FieldType::SingleSelect, vec![opt("a;b", "男", "M")]), "no ';'"),
        (FieldInput { label_zh: " ".into(), ..field("gender", FieldType::Text, vec![]) }, "Chinese label is required"),
    ];
    for (input, needle) in cases {
        let err = t.crm.create_field(&alice(), input).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains(needle), "«{needle}» not in «{}»", err.message);
    }
    assert_eq!(t.crm.list_fields().await.unwrap().len(), 3, "nothing was created");
    t.crm.create_field(&alice(), field("gender", FieldType::Text, vec![])).await.unwrap();
    let dup = t.crm.create_field(&alice(), field("gender", FieldType::Number, vec![])).await.unwrap_err();
    assert_eq!(dup.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn options_in_use_cannot_be_removed_but_can_be_renamed() {
    let t = open().await;
    let g = t
        .crm
        .create_field(
            &alice(),
            field("gender", FieldType::SingleSelect, vec![opt("male", "男", "Male"), opt("female", "女", "Female")]),
        )
        .await
        .unwrap();
    let mut c = person("张三", "", "");
    c.custom.insert("gender".into(), CustomValue::Text("Male".into()));
    let c = t.crm.create_customer(&alice(), c).await.unwrap();
    assert_eq!(c.custom["gender"], CustomValue::Text("male".into()), "labels are stored as keys");

    let remove_male = FieldUpdate {
        label_zh: "性别".into(),
        label_en: "Gender".into(),
        options: vec![opt("female", "女", "Female")],
    };
    let err = t.crm.update_field(&alice(), &g.id, remove_male).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("held by 1 customer"), "{}", err.message);

    let renamed = FieldUpdate {
        label_zh: "性别".into(),
        label_en: "Sex".into(),
        options: vec![opt("male", "男性", "Man"), opt("female", "女性", "Woman"), opt("other", "其他", "Other")],
    };
    let g2 = t.crm.update_field(&alice(), &g.id, renamed).await.unwrap();
    assert_eq!(g2.options.len(), 3);
    // The builtin tier list is edited the same way, with the same protection.
    let tier = t.crm.list_fields().await.unwrap().into_iter().find(|f| f.key == "tier").unwrap();
    let mut gold = person("李四", "", "");
    gold.tier = Some("gold".into());
    t.crm.create_customer(&alice(), gold).await.unwrap();
    let without_gold = FieldUpdate {
        label_zh: tier.label_zh.clone(),
        label_en: tier.label_en.clone(),
        options: vec![opt("normal", "普通", "Normal")],
    };
    assert_eq!(t.crm.update_field(&alice(), &tier.id, without_gold).await.unwrap_err().code, ErrorCode::Conflict);
}

#[tokio::test]
async fn deleting_a_dimension_hides_it_and_restoring_brings_values_back() {
    let t = open().await;
    let f = t.crm.create_field(&alice(), field("budget", FieldType::Number, vec![])).await.unwrap();
    let mut c = person("王五", "", "");
    c.custom.insert("budget".into(), CustomValue::Text("1200".into()));
    let c = t.crm.create_customer(&alice(), c).await.unwrap();
    let filter = CustomerFilter {
        fields: vec![FieldFilter::Range { key: "budget".into(), min: Some(1000.0), max: None }],
        ..Default::default()
    };
    assert_eq!(t.crm.count_customers(&alice(), &filter).await.unwrap(), 1);

    t.crm.delete_field(&alice(), &f.id).await.unwrap();
    assert_eq!(t.crm.count_customers(&alice(), &filter).await.unwrap_err().code, ErrorCode::InvalidInput);
    let mut edit = c.to_input();
    edit.custom.clear();
    edit.custom.insert("budget".into(), CustomValue::Number(5.0));
    assert_eq!(t.crm.update_customer(&alice(), &c.id, 1, edit).await.unwrap_err().code, ErrorCode::InvalidInput);
    let reuse = t.crm.create_field(&alice(), field("budget", FieldType::Text, vec![])).await.unwrap_err();
    assert!(reuse.message.contains("restore"), "{}", reuse.message);

    t.crm.restore_field(&alice(), &f.id).await.unwrap();
    assert_eq!(t.crm.count_customers(&alice(), &filter).await.unwrap(), 1, "the values were kept");
}

#[tokio::test]
async fn tags_are_unique_by_name_and_deleting_one_keeps_customers() {
    let t = open().await;
    let a = t.crm.create_tag(&alice(), TagInput { name: "老客户".into(), color: "green".into() }).await.unwrap();
    let dup = t.crm.create_tag(&alice(), TagInput { name: "老客户".into(), color: "red".into() }).await.unwrap_err();
    assert_eq!(dup.code, ErrorCode::Conflict);
    let bad = t.crm.create_tag(&alice(), TagInput { name: "x".into(), color: "chartreuse".into() }).await.unwrap_err();
    assert_eq!(bad.code, ErrorCode::InvalidInput);
    let b = t.crm.create_tag(&alice(), TagInput { name: "VIP".into(), color: "gold".into() }).await.unwrap();
    let rename =
        t.crm.update_tag(&alice(), &b.id, TagInput { name: "老客户".into(), color: "gold".into() }).await.unwrap_err();
    assert_eq!(rename.code, ErrorCode::Conflict);

    let mut c = person("赵六", "", "");
    c.tag_ids = vec![a.id.clone(), b.id.clone()];
    let c = t.crm.create_customer(&alice(), c).await.unwrap();
    t.crm.delete_tag(&alice(), &a.id).await.unwrap();
    assert_eq!(t.crm.get_customer(&alice(), &c.id).await.unwrap().tag_ids, vec![b.id.clone()]);
    // Re-creating the name makes a new tag; the old links stay with the deleted one.
    let a2 = t.crm.create_tag(&alice(), TagInput { name: "老客户".into(), color: "green".into() }).await.unwrap();
    assert_ne!(a2.id, a.id);
    let ensured = t.crm.ensure_tags(&alice(), &["vip".into(), "新标签".into()]).await.unwrap();
    assert_eq!(ensured[0].id, b.id, "names match case-insensitively");
    assert_eq!(t.crm.list_tags().await.unwrap().len(), 3);
}

#[tokio::test]
async fn editing_a_customer_keeps_the_values_of_deleted_dimensions() {
    let t = open().await;
    let budget = t.crm.create_field(&alice(), field("budget", FieldType::Number, vec![])).await.unwrap();
    let hobbies = t
        .crm
        .create_field(
            &alice(),
            field("hobbies", FieldType::MultiSelect, vec![opt("golf", "高尔夫", "Golf"), opt("tea", "茶", "Tea")]),
        )
        .await
        .unwrap();
    t.crm.create_field(&alice(), field("wechat", FieldType::Text, vec![])).await.unwrap();
    let mut c = person("王五", "", "");
    c.custom.insert("budget".into(), CustomValue::Number(1200.0));
    c.custom.insert("hobbies".into(), CustomValue::Options(vec!["tea".into()]));
    c.custom.insert("wechat".into(), CustomValue::Text("ww".into()));
    let c = t.crm.create_customer(&alice(), c).await.unwrap();

    t.crm.delete_field(&alice(), &budget.id).await.unwrap();
    t.crm.delete_field(&alice(), &hobbies.id).await.unwrap();
    // The form only knows the live dimensions and sends only those.
    let mut edit = c.to_input();
    edit.custom.remove("budget");
    edit.custom.remove("hobbies");
    edit.custom.insert("wechat".into(), CustomValue::Text("ww2".into()));
    let edited = t.crm.update_customer(&alice(), &c.id, c.version, edit).await.unwrap();
    assert_eq!(edited.custom.get("budget"), Some(&CustomValue::Number(1200.0)), "hidden, not lost");
    let history = t.crm.customer_history(&alice(), &c.id, None, 5).await.unwrap();
    assert!(!history[0].changes.iter().any(|f| f.field == "custom.budget"), "{:?}", history[0].changes);

    t.crm.restore_field(&alice(), &budget.id).await.unwrap();
    t.crm.restore_field(&alice(), &hobbies.id).await.unwrap();
    let filter = CustomerFilter {
        fields: vec![FieldFilter::Range { key: "budget".into(), min: Some(1000.0), max: None }],
        ..Default::default()
    };
    assert_eq!(
        t.crm.count_customers(&alice(), &filter).await.unwrap(),
        1,
        "restoring the dimension brings the value back"
    );
    let tea = CustomerFilter {
        fields: vec![FieldFilter::OneOf { key: "hobbies".into(), values: vec!["tea".into()] }],
        ..Default::default()
    };
    assert_eq!(t.crm.count_customers(&alice(), &tea).await.unwrap(), 1, "multi-select values too");
}

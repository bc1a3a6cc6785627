//! The customer list: keyset pages in every sort, filters on every kind of dimension.

mod common;
use common::*;
use crm_core::classification::fields::{FieldInput, FieldOption, FieldType};
use crm_core::classification::tags::TagInput;
use crm_core::customer::list::{CustomerFilter, FieldFilter, ListRequest, SortSpec};
use crm_core::customer::model::{CustomValue, Kind, Lifecycle};
use crm_core::{Crm, ErrorCode};

fn opt(key: &str, zh: &str) -> FieldOption {
    FieldOption { key: key.into(), label_zh: zh.into(), label_en: key.into() }
}

/// All pages of a request, following cursors.
async fn walk(crm: &Crm, filter: CustomerFilter, sort: SortSpec, page: u32) -> Vec<String> {
    let mut names = Vec::new();
    let mut cursor = None;
    loop {
        let req = ListRequest { filter: filter.clone(), sort: sort.clone(), cursor, limit: Some(page) };
        let p = crm.list_customers(&alice(), &req).await.unwrap();
        assert!(p.rows.len() <= page as usize);
        names.extend(p.rows.into_iter().map(|r| r.name));
        match p.next_cursor {
            Some(c) => cursor = Some(c),
            None => return names,
        }
    }
}

async fn seeded() -> TestDb {
    let t = open().await;
    let a = alice();
    t.crm
        .create_field(
            &a,
            FieldInput {
                key: "gender".into(),
                label_zh: "性别".into(),
                label_en: "Gender".into(),
                field_type: FieldType::SingleSelect,
                options: vec![opt("male", "男"), opt("female", "女")],
            },
        )
        .await
        .unwrap();
    t.crm
        .create_field(
            &a,
            FieldInput {
                key: "hobbies".into(),
                label_zh: "爱好".into(),
                label_en: "Hobbies".into(),
                field_type: FieldType::MultiSelect,
                options: vec![opt("golf", "高尔夫"), opt("tea", "茶")],
            },
        )
        .await
        .unwrap();
    t.crm
        .create_field(
            &a,
            FieldInput {
                key: "budget".into(),
                label_zh: "预算".into(),
                label_en: "Budget".into(),
                field_type: FieldType::Number,
                options: vec![],
            },
        )
        .await
        .unwrap();
    t.crm
        .create_field(
            &a,
            FieldInput {
                key: "signed_on".into(),
                label_zh: "签约日期".into(),
                label_en: "Signed on".into(),
                field_type: FieldType::Date,
                options: vec![],
            },
        )
        .await
        .unwrap();
    let vip = t.crm.create_tag(&a, TagInput { name: "重点".into(), color: "red".into() }).await.unwrap();
    let names = ["张三", "李四", "王五", "Alice", "bob", "赵六", "Carol", "陈七", "David", "刘八", "Eve"];
    for (i, name) in names.iter().enumerate() {
        let mut c = person(name, "", "");
        c.city = [Some("北京"), Some("上海"), None][i % 3].map(String::from);
        c.kind = if i % 4 == 0 { Kind::Enterprise } else { Kind::Individual };
        c.lifecycle = if i == 3 { Lifecycle::Vip } else { Lifecycle::Potential };
        c.tier = (i % 2 == 0).then(|| "gold".to_string());
        if i % 3 != 2 {
            c.custom.insert("gender".into(), CustomValue::Text(if i % 2 == 0 { "male" } else { "female" }.into()));
        }
        if i % 2 == 1 {
            c.custom.insert(
                "hobbies".into(),
                CustomValue::Options(if i % 4 == 1 { vec!["golf".into()] } else { vec!["golf".into(), "tea".into()] }),
            );
        }
        if i < 8 {
            c.custom.insert("budget".into(), CustomValue::Number((i as f64) * 1000.0 + 0.5));
            c.custom.insert("signed_on".into(), CustomValue::Text(format!("2025-0{}-15", i + 1)));
        }
        if i % 5 == 0 {
            c.tag_ids = vec![vip.id.clone()];
        }
        t.crm.create_customer(&a, c).await.unwrap();
        t.clock.advance(chrono::Duration::seconds(1));
    }
    t
}

#[tokio::test]
async fn name_order_interleaves_pinyin_and_latin_across_page_sizes() {
    let t = seeded().await;
    let expected = vec!["Alice", "bob", "Carol", "陈七", "David", "Eve", "李四", "刘八", "王五", "张三", "赵六"];
    for page in [1, 2, 3, 5, 100] {
        let asc = walk(&t.crm, CustomerFilter::default(), SortSpec { key: "name".into(), desc: false }, page).await;
        assert_eq!(asc, expected, "page size {page}");
        let desc = walk(&t.crm, CustomerFilter::default(), SortSpec { key: "name".into(), desc: true }, page).await;
        assert_eq!(desc, expected.iter().rev().copied().collect::<Vec<_>>(), "page size {page}");
    }
}

#[tokio::test]
async fn created_and_updated_orders() {
    let t = seeded().await;
    let created = walk(&t.crm, CustomerFilter::default(), SortSpec { key: "created".into(), desc: false }, 4).await;
    assert_eq!(created.first().map(String::as_str), Some("张三"));
    assert_eq!(created.last().map(String::as_str), Some("Eve"));
    let updated = walk(&t.crm, CustomerFilter::default(), SortSpec::default(), 4).await;
    assert_eq!(updated, created.iter().rev().cloned().collect::<Vec<_>>());
}

#[tokio::test]
async fn empty_values_come_last_in_both_directions() {
    let t = seeded().await;
    for page in [1, 2, 4, 50] {
        for desc in [false, true] {
            let rows = walk(&t.crm, CustomerFilter::default(), SortSpec { key: "city".into(), desc }, page).await;
            assert_eq!(rows.len(), 11, "every customer exactly once (page {page}, desc {desc}): {rows:?}");
            let mut unique = rows.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), 11);
            // cities: 北京 (i%3==0), 上海 (i%3==1), none (i%3==2: 王五, 赵六, David)
            let tail: Vec<&str> = rows[rows.len() - 3..].iter().map(String::as_str).collect();
            for name in ["王五", "赵六", "David"] {
                assert!(tail.contains(&name), "{name} has no city and must be last: {rows:?}");
            }
        }
        let budget = walk(&t.crm, CustomerFilter::default(), SortSpec { key: "budget".into(), desc: true }, page).await;
        assert_eq!(&budget[..3], ["陈七", "Carol", "赵六"], "numbers sort as numbers");
        assert_eq!(budget.len(), 11);
    }
}

#[tokio::test]
async fn filters_by_every_kind_of_dimension() {
    let t = seeded().await;
    let list = |fields: Vec<FieldFilter>| CustomerFilter { fields, ..Default::default() };
    let count = |f: CustomerFilter| {
        let crm = &t.crm;
        async move {
            let n = crm.count_customers(&alice(), &f).await.unwrap();
            let rows = walk(crm, f, SortSpec { key: "name".into(), desc: false }, 3).await;
            assert_eq!(rows.len() as i64, n, "count agrees with the pages");
            rows
        }
    };
    assert_eq!(
        count(list(vec![FieldFilter::OneOf { key: "kind".into(), values: vec!["enterprise".into()] }])).await,
        vec!["bob", "David", "张三"]
    );
    assert_eq!(
        count(list(vec![FieldFilter::OneOf { key: "lifecycle".into(), values: vec!["vip".into()] }])).await,
        vec!["Alice"]
    );
    assert_eq!(
        count(list(vec![FieldFilter::OneOf { key: "city".into(), values: vec!["北京".into(), "上海".into()] }]))
            .await
            .len(),
        8
    );
    assert_eq!(count(list(vec![FieldFilter::Empty { key: "city".into() }])).await, vec!["David", "王五", "赵六"]);
    assert_eq!(
        count(list(vec![FieldFilter::OneOf { key: "gender".into(), values: vec!["male".into()] }])).await.len(),
        4
    );
    assert_eq!(
        count(list(vec![FieldFilter::OneOf { key: "hobbies".into(), values: vec!["tea".into()] }])).await,
        vec!["Alice", "陈七"]
    );
    assert_eq!(count(list(vec![FieldFilter::Empty { key: "hobbies".into() }])).await.len(), 6);
    assert_eq!(
        count(list(vec![FieldFilter::Range { key: "budget".into(), min: Some(2000.0), max: Some(4000.6) }])).await,
        vec!["Alice", "bob", "王五"]
    );
    assert_eq!(
        count(list(vec![FieldFilter::DateRange {
            key: "signed_on".into(),
            from: Some("2025-07-01".into()),
            to: Some("2025-08-15".into())
        }]))
        .await,
        vec!["Carol", "陈七"]
    );
    assert_eq!(
        count(list(vec![FieldFilter::Contains { key: "name".into(), text: "o".into() }])).await,
        vec!["bob", "Carol"]
    );
    let combined = list(vec![
        FieldFilter::OneOf { key: "tier".into(), values: vec!["gold".into()] },
        FieldFilter::OneOf { key: "gender".into(), values: vec!["male".into()] },
    ]);
    assert_eq!(count(combined).await.len(), 4);
    let tag = t.crm.list_tags().await.unwrap()[0].id.clone();
    assert_eq!(count(CustomerFilter { tag_ids: vec![tag], ..Default::default() }).await, vec!["Eve", "张三", "赵六"]);
}

#[tokio::test]
async fn unknown_keys_and_bad_cursors_are_refused() {
    let t = seeded().await;
    let bad_sort = ListRequest { sort: SortSpec { key: "hobbies".into(), desc: false }, ..Default::default() };
    assert_eq!(t.crm.list_customers(&alice(), &bad_sort).await.unwrap_err().code, ErrorCode::InvalidInput);
    let bad_filter = CustomerFilter {
        fields: vec![FieldFilter::OneOf { key: "shoe".into(), values: vec!["x".into()] }],
        ..Default::default()
    };
    assert_eq!(t.crm.count_customers(&alice(), &bad_filter).await.unwrap_err().code, ErrorCode::InvalidInput);
    let bad_range = CustomerFilter {
        fields: vec![FieldFilter::Range { key: "gender".into(), min: None, max: None }],
        ..Default::default()
    };
    assert_eq!(t.crm.count_customers(&alice(), &bad_range).await.unwrap_err().code, ErrorCode::InvalidInput);
    let bad_cursor = ListRequest { cursor: Some("garbage".into()), ..Default::default() };
    assert_eq!(t.crm.list_customers(&alice(), &bad_cursor).await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn trash_is_its_own_list_and_distinct_values_skip_it() {
    let t = seeded().await;
    let rows = t.crm.list_customers(&alice(), &ListRequest::default()).await.unwrap().rows;
    let gone = rows.iter().find(|r| r.city.as_deref() == Some("上海")).unwrap();
    assert_eq!(t.crm.distinct_values(&alice(), "city", 100).await.unwrap(), vec!["上海", "北京"]);
    let trash = CustomerFilter { trash: true, ..Default::default() };
    t.crm.delete_customer(&alice(), &gone.id).await.unwrap();
    assert_eq!(walk(&t.crm, trash, SortSpec::default(), 10).await, vec![gone.name.clone()]);
    assert_eq!(t.crm.count_customers(&alice(), &CustomerFilter::default()).await.unwrap(), 10);
    assert_eq!(t.crm.distinct_values(&alice(), "owner", 100).await.unwrap(), Vec::<String>::new());
    assert_eq!(t.crm.distinct_values(&alice(), "notes", 10).await.unwrap_err().code, ErrorCode::InvalidInput);
}

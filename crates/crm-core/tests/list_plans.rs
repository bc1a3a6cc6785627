//! The list finds pages two ways (through a filter's index, or walking the sort index with
//! per-row checks) depending on how many customers the filter holds. On 10,000 seeded customers a
//! tag holds ~1,250 (walked) and a city ~200 (through its index): every way must give exactly the
//! customers an in-memory filter of the whole list gives, in order, each once. A rep who sees
//! one province (~300) is served through the territory index when he sees fewer than the filter
//! holds, and through the filter's index otherwise: the same must hold for him.

mod common;
use common::*;
use crm_core::Actor;
use crm_core::access::Role;
use crm_core::access::places::Place;
use crm_core::access::territories::TerritoryInput;
use crm_core::customer::list::{CustomerFilter, CustomerListRow, FieldFilter, ListRequest, SortSpec};
use crm_core::customer::model::Kind;
use std::collections::HashSet;

/// Which customers a filter case should return, decided in memory.
type Keep = Box<dyn Fn(&CustomerListRow) -> bool>;

async fn walk(t: &TestDb, who: &Actor, filter: &CustomerFilter, sort: &SortSpec) -> Vec<CustomerListRow> {
    let mut rows = Vec::new();
    let mut cursor = None;
    loop {
        let req = ListRequest { filter: filter.clone(), sort: sort.clone(), cursor, limit: Some(97) };
        let page = t.crm.list_customers(who, &req).await.unwrap();
        rows.extend(page.rows);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return rows,
        }
    }
}

fn sort_key(r: &CustomerListRow, sort: &str) -> (Option<String>, String) {
    match sort {
        "city" => (r.city.clone(), r.id.clone()),
        _ => (Some(crm_core::search::tokens::name_sort_key(&r.name)), r.id.clone()),
    }
}

#[tokio::test]
async fn every_plan_returns_exactly_the_matching_customers_in_order() {
    let t = open().await;
    t.crm.generate_demo_data(&alice(), 10_000, 5).await.unwrap();
    let everyone =
        walk(&t, &alice(), &CustomerFilter::default(), &SortSpec { key: "created".into(), desc: false }).await;
    assert_eq!(everyone.len(), 10_000);

    let tags = t.crm.list_tags().await.unwrap();
    let (tag_a, tag_b) = (tags[0].id.clone(), tags[1].id.clone());
    let city = everyone.iter().find_map(|r| r.city.clone()).unwrap();
    // The rep's territory is the province of the city case, so every case matches some of his.
    let province = everyone.iter().find(|r| r.city.as_ref() == Some(&city)).and_then(|r| r.province.clone()).unwrap();
    let top = t.crm.org_units(&alice()).await.unwrap()[0].id.clone();
    let region = t.crm.create_org_unit(&alice(), "一区", &top).await.unwrap().id;
    let places = vec![Place { province: province.clone(), ..Default::default() }];
    t.crm
        .create_territory(&alice(), TerritoryInput { name: "一区".into(), unit_id: region.clone(), places })
        .await
        .unwrap();
    t.crm.add_user(&alice(), new_user("rep", Role::Sales, &region)).await.unwrap();
    let rep = Actor::named("rep");

    let cases: Vec<(&str, CustomerFilter, Keep)> = vec![
        ("tag (many)", CustomerFilter { tag_ids: vec![tag_a.clone()], ..Default::default() }, {
            let t = tag_a.clone();
            Box::new(move |r| r.tag_ids.contains(&t))
        }),
        ("two tags", CustomerFilter { tag_ids: vec![tag_a.clone(), tag_b.clone()], ..Default::default() }, {
            let (a, b) = (tag_a.clone(), tag_b.clone());
            Box::new(move |r| r.tag_ids.contains(&a) || r.tag_ids.contains(&b))
        }),
        (
            "city (few)",
            CustomerFilter {
                fields: vec![FieldFilter::OneOf { key: "city".into(), values: vec![city.clone()] }],
                ..Default::default()
            },
            {
                let c = city.clone();
                Box::new(move |r| r.city.as_deref() == Some(c.as_str()))
            },
        ),
        (
            "city and tag",
            CustomerFilter {
                fields: vec![FieldFilter::OneOf { key: "city".into(), values: vec![city.clone()] }],
                tag_ids: vec![tag_a.clone()],
                ..Default::default()
            },
            {
                let (c, t) = (city.clone(), tag_a.clone());
                Box::new(move |r| r.city.as_deref() == Some(c.as_str()) && r.tag_ids.contains(&t))
            },
        ),
        (
            "enterprise (not indexed)",
            CustomerFilter {
                fields: vec![FieldFilter::OneOf { key: "kind".into(), values: vec!["enterprise".into()] }],
                ..Default::default()
            },
            Box::new(|r| r.kind == Kind::Enterprise),
        ),
    ];
    let cases = cases
        .iter()
        .flat_map(|(label, filter, keep)| [(label, filter, keep, alice()), (label, filter, keep, rep.clone())]);
    for (label, filter, keep, who) in cases {
        let label = format!("{label} as {}", who.name);
        let sees = |r: &CustomerListRow| who.name == "alice" || r.province.as_deref() == Some(province.as_str());
        for sort in [SortSpec { key: "name".into(), desc: false }, SortSpec { key: "city".into(), desc: true }] {
            let got = walk(&t, &who, filter, &sort).await;
            let mut expected: Vec<&CustomerListRow> = everyone.iter().filter(|r| keep(r) && sees(r)).collect();
            assert!(!expected.is_empty(), "{label}: the case matches someone");
            let ids: HashSet<&str> = got.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(ids.len(), got.len(), "{label}/{}: no customer twice", sort.key);
            assert_eq!(
                ids,
                expected.iter().map(|r| r.id.as_str()).collect::<HashSet<_>>(),
                "{label}/{}: exactly the matching customers",
                sort.key
            );
            assert_eq!(t.crm.count_customers(&who, filter).await.unwrap() as usize, expected.len(), "{label}: count");
            // Order: by the sort value (empties last), then by creation.
            let keys: Vec<_> = got.iter().map(|r| sort_key(r, &sort.key).0).collect();
            let mut sorted_keys = keys.clone();
            if sort.key == "city" {
                sorted_keys.sort_by(|a, b| match (a, b) {
                    (None, None) => std::cmp::Ordering::Equal,
                    (None, _) => std::cmp::Ordering::Greater,
                    (_, None) => std::cmp::Ordering::Less,
                    (Some(x), Some(y)) => y.cmp(x),
                });
            } else {
                sorted_keys.sort();
            }
            assert_eq!(keys, sorted_keys, "{label}/{}: in order", sort.key);
            expected.clear();
        }
    }
}

//! Creating, editing, trashing and restoring customers and contacts, with the change log.

mod common;
use common::*;
use crm_core::activity::{ActivityInput, ActivityKind};
use crm_core::classification::tags::TagInput;
use crm_core::contact::ContactInput;
use crm_core::customer::model::{Kind, Lifecycle};
use crm_core::{Actor, ErrorCode};

#[tokio::test]
async fn create_then_read_back_every_field() {
    let t = open().await;
    let vip = t.crm.create_tag(&alice(), TagInput { name: "VIP客户".into(), color: "gold".into() }).await.unwrap();
    let mut input = person("张三丰", "138-0013-8000", "ZSF@Wudang.cn");
    input.lifecycle = Lifecycle::Vip;
    input.tier = Some("钻石".into());
    input.industry = Some("Education".into());
    input.source = Some("referral".into());
    input.owner = Some("王磊".into());
    input.country = Some("中国".into());
    input.province = Some("湖北".into());
    input.city = Some("十堰".into());
    input.address = Some("武当山紫霄宫".into());
    input.website = Some("wudang.cn".into());
    input.notes = Some("太极\n创始人".into());
    input.tag_ids = vec![vip.id.clone()];
    let c = t.crm.create_customer(&alice(), input).await.unwrap();
    assert_eq!(c.name, "张三丰");
    assert_eq!(c.tier.as_deref(), Some("diamond"));
    assert_eq!(c.industry.as_deref(), Some("education"));
    assert_eq!(c.emails, vec!["zsf@wudang.cn"]);
    assert_eq!(c.tag_ids, vec![vip.id]);
    assert_eq!(c.version, 1);
    assert_eq!(c.created_by, "alice");
    assert_eq!(c.created_at, "2026-03-01T09:00:00.000Z");
    assert_eq!(t.crm.get_customer(&alice(), &c.id).await.unwrap(), c);
}

#[tokio::test]
async fn invalid_input_is_refused_and_writes_nothing() {
    let t = open().await;
    let before = counts(&t.crm).await;
    let mut bad = person("", "abc", "nobody@");
    bad.tier = Some("platinum".into());
    let err = t.crm.create_customer(&alice(), bad).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("name is required"), "{}", err.message);
    assert!(err.message.contains("phone 'abc'"), "{}", err.message);
    assert!(err.message.contains("tier 'platinum'"), "{}", err.message);
    let mut unknown_tag = person("李四", "", "");
    unknown_tag.tag_ids = vec!["no-such-tag".into()];
    assert_eq!(t.crm.create_customer(&alice(), unknown_tag).await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(counts(&t.crm).await, before);
    assert!(t.crm.search(&alice(), "李四", 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn external_ids_are_unique() {
    let t = open().await;
    let mut a = person("A", "", "");
    a.external_id = Some("ERP-1".into());
    t.crm.create_customer(&alice(), a.clone()).await.unwrap();
    a.name = "B".into();
    let err = t.crm.create_customer(&alice(), a).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("ERP-1"), "{}", err.message);
}

#[tokio::test]
async fn edits_are_logged_field_by_field_and_stale_edits_conflict() {
    let t = open().await;
    let c = t.crm.create_customer(&alice(), person("王五", "13900000001", "")).await.unwrap();
    t.clock.advance(chrono::Duration::minutes(5));
    let mut edit = c.to_input();
    edit.lifecycle = Lifecycle::Existing;
    edit.city = Some("杭州".into());
    let bob = Actor::named("bob");
    let c2 = t.crm.update_customer(&bob, &c.id, c.version, edit.clone()).await.unwrap();
    assert_eq!((c2.version, c2.updated_by.as_str()), (2, "bob"));

    // Someone saving from the old version is refused, and the first edit stays.
    let mut stale = c.to_input();
    stale.city = Some("上海".into());
    let err = t.crm.update_customer(&alice(), &c.id, c.version, stale).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("bob"), "{}", err.message);
    assert_eq!(t.crm.get_customer(&alice(), &c.id).await.unwrap().city.as_deref(), Some("杭州"));

    // Saving without a change writes nothing.
    let same = t.crm.update_customer(&bob, &c.id, 2, edit).await.unwrap();
    assert_eq!(same.version, 2);

    let history = t.crm.customer_history(&alice(), &c.id, None, 50).await.unwrap();
    assert_eq!(history.len(), 2, "create + one update: {history:?}");
    let update = &history[0];
    assert_eq!((update.actor.as_str(), update.at.as_str()), ("bob", "2026-03-01T09:05:00.000Z"));
    let fields: Vec<(&str, Option<&serde_json::Value>, Option<&serde_json::Value>)> =
        update.changes.iter().map(|f| (f.field.as_str(), f.old.as_ref(), f.new.as_ref())).collect();
    assert_eq!(
        fields,
        vec![
            ("city", None, Some(&serde_json::json!("杭州"))),
            ("lifecycle", Some(&serde_json::json!("potential")), Some(&serde_json::json!("existing"))),
        ]
    );
    // The create entry records the fact only: the row held the created values until this update,
    // whose "old" values now keep them.
    let created = &history[1];
    assert_eq!((created.op, created.actor.as_str()), (crm_core::changelog::ChangeOp::Create, "alice"));
    assert!(created.changes.is_empty());
}

#[tokio::test]
async fn trash_and_restore() {
    let t = open().await;
    let c = t.crm.create_customer(&alice(), person("赵六", "13700001111", "")).await.unwrap();
    t.crm.delete_customer(&alice(), &c.id).await.unwrap();
    assert!(t.crm.search(&alice(), "赵六", 10).await.unwrap().is_empty(), "trashed customers are not found");
    assert_eq!(counts(&t.crm).await.0, 0);
    assert_eq!(counts(&t.crm).await.1, 1);
    let again = t.crm.delete_customer(&alice(), &c.id).await.unwrap_err();
    assert_eq!(again.code, ErrorCode::InvalidInput);
    let edit = t.crm.update_customer(&alice(), &c.id, 2, c.to_input()).await.unwrap_err();
    assert!(edit.message.contains("trash"), "{}", edit.message);

    let restored = t.crm.restore_customer(&alice(), &c.id).await.unwrap();
    assert_eq!(restored.deleted_at, None);
    assert_eq!(t.crm.search(&alice(), "1111", 10).await.unwrap()[0].id, c.id);
    let ops: Vec<_> =
        t.crm.customer_history(&alice(), &c.id, None, 10).await.unwrap().into_iter().map(|h| h.op).collect();
    use crm_core::changelog::ChangeOp::*;
    assert_eq!(ops, vec![Restore, Delete, Create]);
    assert_eq!(t.crm.restore_customer(&alice(), &c.id).await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(t.crm.delete_customer(&alice(), "nope").await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn contacts_belong_to_organisations_and_are_searchable() {
    let t = open().await;
    let person_customer = t.crm.create_customer(&alice(), person("孙七", "", "")).await.unwrap();
    let contact = ContactInput {
        name: "钱八".into(),
        title: Some("采购经理".into()),
        phones: vec!["021-5555 1234".into()],
        emails: vec![],
    };
    let err = t.crm.create_contact(&alice(), &person_customer.id, contact.clone()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);

    let acme = t.crm.create_customer(&alice(), company("上海华信科技有限公司")).await.unwrap();
    let k = t.crm.create_contact(&alice(), &acme.id, contact).await.unwrap();
    let hits = t.crm.search(&alice(), "钱八", 5).await.unwrap();
    assert_eq!(hits[0].id, acme.id);
    assert_eq!(hits[0].matched_contact.as_deref(), Some("钱八"));
    assert_eq!(t.crm.search(&alice(), "qb", 5).await.unwrap()[0].id, acme.id, "contact pinyin initials");
    assert_eq!(t.crm.search(&alice(), "51234", 5).await.unwrap()[0].id, acme.id, "contact phone digits");

    // A company with contacts cannot turn into an individual.
    let mut to_person = acme.to_input();
    to_person.kind = Kind::Individual;
    let err = t.crm.update_customer(&alice(), &acme.id, acme.version, to_person).await.unwrap_err();
    assert!(err.message.contains("contact"), "{}", err.message);

    let renamed =
        ContactInput { name: "钱九".into(), title: None, phones: vec![], emails: vec!["qian@huaxin.cn".into()] };
    t.crm.update_contact(&alice(), &k.id, renamed).await.unwrap();
    assert!(t.crm.search(&alice(), "钱八", 5).await.unwrap().is_empty(), "the old name left the index");
    assert_eq!(t.crm.search(&alice(), "qian@huaxin", 5).await.unwrap()[0].id, acme.id);
    t.crm.delete_contact(&alice(), &k.id).await.unwrap();
    assert!(t.crm.list_contacts(&alice(), &acme.id).await.unwrap().is_empty());
    assert!(t.crm.search(&alice(), "钱九", 5).await.unwrap().is_empty());
    let history = t.crm.customer_history(&alice(), &acme.id, None, 10).await.unwrap();
    let entities: Vec<(&str, Option<&str>)> = history.iter().map(|h| (h.entity.as_str(), h.label.as_deref())).collect();
    assert_eq!(
        entities,
        vec![("contact", Some("钱九")), ("contact", Some("钱九")), ("contact", Some("钱九")), ("customer", None)]
    );
    let rename = &history[1].changes;
    assert!(rename.iter().any(|f| f.field == "name" && f.old == Some(serde_json::json!("钱八"))), "{rename:?}");
}

#[tokio::test]
async fn activities_form_a_paged_timeline() {
    let t = open().await;
    let c = t.crm.create_customer(&alice(), person("周九", "", "")).await.unwrap();
    for i in 0..5 {
        let input = ActivityInput {
            kind: ActivityKind::Call,
            occurred_at: Some(format!("2026-02-0{}T10:00:00+08:00", i + 1)),
            subject: format!("call {i}"),
            body: None,
            opportunity_id: None,
        };
        t.crm.add_activity(&alice(), &c.id, input).await.unwrap();
    }
    let now = t
        .crm
        .add_activity(
            &alice(),
            &c.id,
            ActivityInput {
                kind: ActivityKind::Note,
                occurred_at: None,
                subject: "note".into(),
                body: Some("b".into()),
                opportunity_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(now.occurred_at, "2026-03-01T09:00:00.000Z");
    assert_eq!(now.author, "alice");
    let p1 = t.crm.list_activities(&alice(), &c.id, None, 4).await.unwrap();
    let subjects: Vec<_> = p1.items.iter().map(|a| a.subject.as_str()).collect();
    assert_eq!(subjects, vec!["note", "call 4", "call 3", "call 2"]);
    let p2 = t.crm.list_activities(&alice(), &c.id, p1.next_cursor.as_deref(), 4).await.unwrap();
    assert_eq!(p2.items.iter().map(|a| a.subject.as_str()).collect::<Vec<_>>(), vec!["call 1", "call 0"]);
    assert_eq!(p2.next_cursor, None);

    let bad = ActivityInput {
        kind: ActivityKind::Visit,
        occurred_at: Some("yesterday".into()),
        subject: " ".into(),
        body: None,
        opportunity_id: None,
    };
    let err = t.crm.add_activity(&alice(), &c.id, bad).await.unwrap_err();
    assert!(err.message.contains("subject is required") && err.message.contains("yesterday"), "{}", err.message);
    assert_eq!(t.crm.list_activities(&alice(), &c.id, None, 50).await.unwrap().items.len(), 6);
    let history = t.crm.customer_history(&alice(), &c.id, None, 50).await.unwrap();
    assert_eq!(history.iter().filter(|h| h.entity == "activity").count(), 6);
}

//! Demo tickets for trying the service desk (`crm demo-data --tickets N`): opened through the same
//! `create_ticket` as the screens (so the rules and the routing apply), some of them worked to
//! resolved or closed and rated. Seeded, so the same seed gives the same tickets.

use super::ticket_actions::TicketActionInput;
use super::ticket_machine::TicketAction;
use super::ticket_model::{Priority, TicketChannel, TicketInput};
use crate::error::CoreResult;
use crate::{Actor, Crm};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const SUBJECTS: &[&str] = &[
    "设备无法开机",
    "发票抬头开错",
    "退货申请",
    "安装预约",
    "配件缺失",
    "账单金额疑问",
    "使用培训咨询",
    "物流迟迟未到",
    "投诉服务态度",
    "保修期查询",
];

impl Crm {
    /// Opens `count` tickets for random customers in the actor's scope; returns how many.
    pub async fn generate_service_demo(&self, actor: &Actor, count: u64, seed: u64) -> CoreResult<u64> {
        let access = self.access(actor).await?;
        let customers: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM customers WHERE deleted_at IS NULL{} ORDER BY seq LIMIT 5000",
            access.scope.sql_condition("territory")
        )))
        .fetch_all(&self.db.reader)
        .await?;
        if customers.is_empty() {
            return Ok(0);
        }
        let categories = self.ticket_routing(actor).await?.categories;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5e1f);
        let mut made = 0;
        for _ in 0..count {
            let input = TicketInput {
                customer_id: customers.choose(&mut rng).expect("customers").clone(),
                contact_id: None,
                channel: *[TicketChannel::Phone, TicketChannel::Email, TicketChannel::WalkIn, TicketChannel::Web]
                    .choose(&mut rng)
                    .expect("channels"),
                category: categories.choose(&mut rng).map(|c| c.key.clone()),
                priority: *[Priority::Low, Priority::Normal, Priority::Normal, Priority::High, Priority::Urgent]
                    .choose(&mut rng)
                    .expect("priorities"),
                subject: SUBJECTS.choose(&mut rng).expect("subjects").to_string(),
                description: None,
                assignee: None,
            };
            let ticket = self.create_ticket(actor, input).await?;
            made += 1;
            if ticket.assignee.is_none() {
                continue;
            }
            let act = |action| TicketActionInput { action, assignee: None, note: None };
            let steps: &[TicketAction] = match rng.random_range(0..4) {
                0 => &[],
                1 => &[TicketAction::Start],
                2 => &[TicketAction::Start, TicketAction::Resolve],
                _ => &[TicketAction::Start, TicketAction::Resolve, TicketAction::Close],
            };
            for step in steps {
                self.act_on_ticket(actor, &ticket.id, act(*step)).await?;
            }
            if steps.len() == 3 && rng.random_bool(0.7) {
                self.rate_ticket(actor, &ticket.id, rng.random_range(3..=5), None).await?;
            }
        }
        Ok(made)
    }
}

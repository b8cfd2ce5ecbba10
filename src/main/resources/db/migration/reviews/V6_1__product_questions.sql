-- product Q&A: each question is a question thread of the community's products space, linked here to its product
create table product_questions (
    thread_id   bigint primary key,
    product_id  bigint not null,
    created_at  timestamptz not null default now()
);
create index product_questions_product on product_questions (product_id, thread_id desc);

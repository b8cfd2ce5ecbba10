/** The customer community: spaces with visibility, threads (discussion, question, idea, announcement), posts, reactions, accepted answers and idea votes. */
package io.kizuna.community;

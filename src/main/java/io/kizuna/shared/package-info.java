/** Value types every module may use: ids, the acting member, typed outcomes, paging. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.kizuna.shared;

package io.opsline.monitoring.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.monitoring.internal.CheckDefinitions;

/** A check's graphs on a page of their own, until the check's page shows them. */
@Controller
class CheckGraphPages {

    private final CheckDefinitions checks;

    CheckGraphPages(CheckDefinitions checks) {
        this.checks = checks;
    }

    @GetMapping("/checks/{id}/graph")
    @RequiresRole(Role.VIEWER)
    String graph(@PathVariable UUID id, Model model) {
        model.addAttribute("check", checks.get(id));
        return "monitoring/graph";
    }
}

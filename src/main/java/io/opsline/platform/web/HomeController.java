package io.opsline.platform.web;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.opsline.platform.NavigationEntry;

/** The start page sends people to the first area they may use. */
@Controller
class HomeController {

    @GetMapping("/")
    String home(Model model) {
        @SuppressWarnings("unchecked")
        var navigation = (Map<String, List<NavigationEntry>>) model.getAttribute("navigation");
        return navigation == null || navigation.isEmpty()
                ? "redirect:/account/tokens"
                : "redirect:" + navigation.values().iterator().next().getFirst().path();
    }
}

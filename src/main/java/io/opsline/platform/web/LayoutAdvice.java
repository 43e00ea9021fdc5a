package io.opsline.platform.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.opsline.platform.NavigationEntry;

/** Supplies every page with what the common layout shows: navigation, the signed-in user, the current path. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final List<NavigationEntry> entries;
    private final RoleHierarchy roleHierarchy;

    LayoutAdvice(List<NavigationEntry> entries, RoleHierarchy roleHierarchy) {
        this.entries = entries;
        this.roleHierarchy = roleHierarchy;
    }

    /** Areas in order, each with the links the current user may follow. */
    @ModelAttribute("navigation")
    LinkedHashMap<String, List<NavigationEntry>> navigation() {
        var granted = grantedAuthorities();
        return entries.stream()
                .filter(entry -> granted.contains(entry.authority()))
                .sorted(Comparator.comparingInt(NavigationEntry::areaOrder))
                .collect(Collectors.groupingBy(NavigationEntry::area, LinkedHashMap::new, Collectors.toList()));
    }

    @ModelAttribute("signedIn")
    SignedInUser signedIn() {
        var authentication = authentication();
        if (authentication == null) {
            return null;
        }
        var role = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring(5).toLowerCase())
                .findFirst().orElse("");
        return new SignedInUser(authentication.getName(), role);
    }

    /** Every authority the user holds, roles below theirs included, e.g. for {@code authorities.contains('ROLE_OPERATOR')}. */
    @ModelAttribute("authorities")
    Set<String> authorities() {
        return grantedAuthorities();
    }

    /**
     * The navigation link the current page belongs to: the longest path the address starts with,
     * so that {@code /monitoring/checks} marks "Checks" and not also the board at {@code /monitoring}.
     */
    @ModelAttribute("activeNavigationPath")
    String activeNavigationPath(HttpServletRequest request) {
        var path = currentPath(request);
        return entries.stream().map(NavigationEntry::path).filter(path::startsWith)
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private Set<String> grantedAuthorities() {
        var authentication = authentication();
        if (authentication == null) {
            return Set.of();
        }
        return roleHierarchy.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }

    private static Authentication authentication() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken ? null : authentication;
    }

    /** Who the header says is signed in. */
    record SignedInUser(String name, String role) {
    }
}

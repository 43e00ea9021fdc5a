package io.opsline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import io.opsline.identity.RequiresRole;

/** House rules the compiler cannot check; Spring Modulith's verification covers module boundaries. */
@AnalyzeClasses(packages = "io.opsline", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final List<String> MODULES = List.of("platform", "identity", "inventory", "monitoring", "alerting");

    /**
     * Controllers anyone may reach: sign-in, errors, the start page (which only redirects), the alert
     * intake (its senders present an integration key), the on-call calendar feed (its secret token
     * is the key) and the acknowledge link in pages sent (likewise).
     */
    static final List<String> PUBLIC_CONTROLLERS = List.of("io.opsline.identity.web.SignInController",
            "io.opsline.platform.web.OpslineErrorController", "io.opsline.platform.web.HomeController",
            "io.opsline.alerting.web.IntakeApi",
            "io.opsline.alerting.web.OnCallCalendarFeed", "io.opsline.alerting.web.AcknowledgeLinkPages");

    @ArchTest
    static final ArchRule internalsStayInsideTheirModule = classes().should(new ArchCondition<>(
            "use no other module's internal or web packages") {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
            var own = moduleOf(item.getPackageName());
            item.getDirectDependenciesFromSelf().forEach(dependency -> {
                var target = dependency.getTargetClass().getPackageName();
                var other = moduleOf(target);
                if (other != null && !other.equals(own)
                        && (target.contains(".internal") || target.contains(".web"))) {
                    events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
                }
            });
        }
    });

    @ArchTest
    static final ArchRule controllersLiveInWebPackages = classes()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should().resideInAPackage("..web..");

    @ArchTest
    static final ArchRule sqlStaysInPersistenceClasses = noClasses().that().resideInAPackage("..web..")
            .should().dependOnClassesThat().areAssignableTo(JdbcClient.class)
            .orShould().dependOnClassesThat().areAssignableTo(JdbcTemplate.class);

    @ArchTest
    static final ArchRule everyEndpointDeclaresWhoMayCallIt = methods()
            .that().areAnnotatedWith(RequestMapping.class).or().areMetaAnnotatedWith(RequestMapping.class)
            .and().areDeclaredInClassesThat(new DescribedPredicate<>("are not public controllers") {
                @Override
                public boolean test(JavaClass owner) {
                    return !PUBLIC_CONTROLLERS.contains(owner.getName());
                }
            })
            .should(new ArchCondition<>("carry @RequiresRole, on the method or its class") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    var covered = method.isAnnotatedWith(RequiresRole.class)
                            || method.getOwner().isAnnotatedWith(RequiresRole.class);
                    if (!covered) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " has no @RequiresRole"));
                    }
                }
            });

    @ArchTest
    static final ArchRule constructorInjectionOnly = noFields().should().beAnnotatedWith(Autowired.class);

    @ArchTest
    static final ArchRule noJpa = noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..",
            "org.hibernate..");

    @ArchTest
    static final ArchRule noConsoleOutput = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err");

    private static String moduleOf(String packageName) {
        for (var module : MODULES) {
            if (packageName.equals("io.opsline." + module) || packageName.startsWith("io.opsline." + module + ".")) {
                return module;
            }
        }
        return null;
    }
}
